namespace Nova.Resources.Libvirt;

/// <summary>
/// The libvirt client library (<c>libvirt.so.0</c>, Debian package <c>libvirt0</c>) could not be loaded, so
/// no libvirt call can be made in this process.
/// </summary>
public sealed class LibvirtUnavailableException : Exception
{
    /// <summary>Creates the exception with the standard message.</summary>
    public LibvirtUnavailableException()
        : base("libvirt.so.0 could not be loaded. Install Debian's libvirt0 package (apt-get install libvirt0).")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public LibvirtUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the loader's error.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The loader's error, usually a <see cref="DllNotFoundException"/>.</param>
    public LibvirtUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
