namespace Nova.Resources.Libvirt;

/// <summary>
/// Which part of libvirt raised an error (<c>virErrorDomain</c>). The named members are the ones this library
/// meets or reacts to; any other domain libvirt reports is kept as its number.
/// </summary>
public enum LibvirtErrorDomain
{
    /// <summary><c>VIR_FROM_NONE</c>.</summary>
    None = 0,

    /// <summary><c>VIR_FROM_XML</c>.</summary>
    Xml = 5,

    /// <summary><c>VIR_FROM_RPC</c>: the RPC layer between the library and the daemon.</summary>
    Rpc = 7,

    /// <summary><c>VIR_FROM_QEMU</c>.</summary>
    Qemu = 10,

    /// <summary><c>VIR_FROM_TEST</c>: the in-process test driver.</summary>
    Test = 12,

    /// <summary><c>VIR_FROM_REMOTE</c>: the remote driver.</summary>
    Remote = 13,

    /// <summary><c>VIR_FROM_DOMAIN</c>.</summary>
    Domain = 20,

    /// <summary><c>VIR_FROM_NODEDEV</c>.</summary>
    NodeDevice = 22,

    /// <summary><c>VIR_FROM_EVENT</c>.</summary>
    Event = 40,

    /// <summary><c>VIR_FROM_CAPABILITIES</c>.</summary>
    Capabilities = 44,

    /// <summary><c>VIR_FROM_URI</c>.</summary>
    Uri = 45,
}
