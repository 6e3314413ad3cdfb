namespace Nova.Resources.Libvirt;

/// <summary>The options of <see cref="LibvirtDriver"/>, with Nova's defaults.</summary>
public sealed class LibvirtDriverOptions
{
    /// <summary>
    /// Gets or sets the libvirt connection URI (Nova's <c>[libvirt] connection_uri</c>), default
    /// <c>qemu:///system</c>. <c>test:///default</c> selects libvirt's in-process test driver, and
    /// <c>test:///</c> followed by an absolute path a test-driver node file.
    /// </summary>
    public string ConnectionUri { get; set; } = "qemu:///system";

    /// <summary>
    /// Gets or sets the directory that holds the instances' disks (Nova's <c>instances_path</c>), default
    /// <c>/var/lib/nova/instances</c>: its file system gives <c>local_gb</c>, <c>local_gb_used</c> and
    /// <c>disk_available_least</c>. It must exist when resources are read; on libvirt's test driver
    /// (<c>test:</c> URIs), which has no disks, a missing path falls back to the root file system <c>/</c>, logged once.
    /// </summary>
    public string InstancesPath { get; set; } = "/var/lib/nova/instances";

    /// <summary>
    /// Gets or sets a value indicating whether to open a read-only connection (default <see langword="true"/>);
    /// reading resources needs nothing more.
    /// </summary>
    public bool ReadOnly { get; set; } = true;

    /// <summary>
    /// Gets or sets how long one blocking libvirt call (or the <c>statvfs</c> of <see cref="InstancesPath"/>) may
    /// take before its caller gets a <see cref="TimeoutException"/> naming the call, default 30 seconds, between
    /// 1 second and 1 day (configuration key <c>Libvirt:CallTimeout</c>, a TimeSpan such as <c>00:00:30</c>). A
    /// call that hangs, such as one to a stopped <c>libvirtd</c>, cannot be interrupted: it finishes in the
    /// background, and until it returns every new call on the connection fails at once, naming it.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
