namespace Nova.Resources.Libvirt;

/// <summary>
/// What went wrong in a libvirt call (<c>virErrorNumber</c>). The named members are the codes this library
/// meets or reacts to; any other code libvirt reports is kept as its number.
/// </summary>
public enum LibvirtErrorCode
{
    /// <summary><c>VIR_ERR_OK</c>: libvirt recorded no error.</summary>
    Ok = 0,

    /// <summary><c>VIR_ERR_INTERNAL_ERROR</c>.</summary>
    InternalError = 1,

    /// <summary><c>VIR_ERR_NO_MEMORY</c>.</summary>
    NoMemory = 2,

    /// <summary><c>VIR_ERR_NO_SUPPORT</c>: the connection's driver does not implement the call.</summary>
    NoSupport = 3,

    /// <summary><c>VIR_ERR_NO_CONNECT</c>.</summary>
    NoConnect = 5,

    /// <summary><c>VIR_ERR_INVALID_CONN</c>.</summary>
    InvalidConnection = 6,

    /// <summary><c>VIR_ERR_INVALID_DOMAIN</c>.</summary>
    InvalidDomain = 7,

    /// <summary><c>VIR_ERR_INVALID_ARG</c>.</summary>
    InvalidArgument = 8,

    /// <summary><c>VIR_ERR_OPERATION_FAILED</c>.</summary>
    OperationFailed = 9,

    /// <summary><c>VIR_ERR_XML_ERROR</c>.</summary>
    XmlError = 27,

    /// <summary><c>VIR_ERR_OPERATION_DENIED</c>: for example a read-only connection.</summary>
    OperationDenied = 29,

    /// <summary><c>VIR_ERR_XML_DETAIL</c>: XML that is not well formed.</summary>
    XmlDetail = 35,

    /// <summary><c>VIR_ERR_SYSTEM_ERROR</c>: an operating-system call failed (sockets, files).</summary>
    SystemError = 38,

    /// <summary><c>VIR_ERR_RPC</c>.</summary>
    Rpc = 39,

    /// <summary><c>VIR_ERR_NO_DOMAIN</c>: the domain does not exist.</summary>
    NoDomain = 42,

    /// <summary><c>VIR_ERR_AUTH_FAILED</c>.</summary>
    AuthFailed = 45,

    /// <summary><c>VIR_ERR_OPERATION_INVALID</c>: for example a call that needs a running domain.</summary>
    OperationInvalid = 55,

    /// <summary><c>VIR_ERR_CONFIG_UNSUPPORTED</c>.</summary>
    ConfigUnsupported = 67,

    /// <summary><c>VIR_ERR_OPERATION_TIMEOUT</c>.</summary>
    OperationTimeout = 68,

    /// <summary><c>VIR_ERR_OPERATION_UNSUPPORTED</c>.</summary>
    OperationUnsupported = 84,

    /// <summary><c>VIR_ERR_ACCESS_DENIED</c>.</summary>
    AccessDenied = 88,
}
