namespace Nova.Resources.Libvirt;

/// <summary>The severity of a libvirt error (<c>virErrorLevel</c>).</summary>
public enum LibvirtErrorLevel
{
    /// <summary><c>VIR_ERR_NONE</c>.</summary>
    None = 0,

    /// <summary><c>VIR_ERR_WARNING</c>.</summary>
    Warning = 1,

    /// <summary><c>VIR_ERR_ERROR</c>.</summary>
    Error = 2,
}
