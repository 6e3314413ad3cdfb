namespace Nova.Resources.Libvirt;

/// <summary>
/// A libvirt call failed. Carries libvirt's own error (code, domain, level and message, captured on the
/// calling thread right after the failing call) and the name of the libvirt function that failed.
/// </summary>
public class LibvirtException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public LibvirtException()
        : this("A libvirt call failed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public LibvirtException(string message)
        : base(message)
    {
        LibvirtMessage = message;
        Function = string.Empty;
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LibvirtException(string message, Exception innerException)
        : base(message, innerException)
    {
        LibvirtMessage = message;
        Function = string.Empty;
    }

    /// <summary>Creates an exception from libvirt's error.</summary>
    /// <param name="function">The libvirt function that failed, such as <c>virNodeGetInfo</c>.</param>
    /// <param name="code">libvirt's error code.</param>
    /// <param name="domain">The part of libvirt that raised the error.</param>
    /// <param name="level">The error's severity.</param>
    /// <param name="libvirtMessage">libvirt's message.</param>
    public LibvirtException(string function, LibvirtErrorCode code, LibvirtErrorDomain domain, LibvirtErrorLevel level, string libvirtMessage)
        : base($"{function} failed: {libvirtMessage}")
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(libvirtMessage);
        Function = function;
        Code = code;
        Domain = domain;
        Level = level;
        LibvirtMessage = libvirtMessage;
    }

    /// <summary>Gets the libvirt function that failed, such as <c>virConnectOpenReadOnly</c>.</summary>
    public string Function { get; }

    /// <summary>Gets libvirt's error code (<c>virErrorNumber</c>).</summary>
    public LibvirtErrorCode Code { get; }

    /// <summary>Gets the part of libvirt that raised the error (<c>virErrorDomain</c>).</summary>
    public LibvirtErrorDomain Domain { get; }

    /// <summary>Gets the error's severity (<c>virErrorLevel</c>).</summary>
    public LibvirtErrorLevel Level { get; }

    /// <summary>Gets libvirt's own message, without the function name this exception's message adds.</summary>
    public string LibvirtMessage { get; }

    /// <summary>
    /// Gets a value indicating whether this error means the connection to the daemon broke: a system or
    /// internal error from the RPC or remote layer, the errors after which Nova reopens its connection.
    /// </summary>
    public bool IsConnectionBroken =>
        Code is LibvirtErrorCode.SystemError or LibvirtErrorCode.InternalError
        && Domain is LibvirtErrorDomain.Rpc or LibvirtErrorDomain.Remote;
}
