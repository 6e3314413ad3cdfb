using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Nova.Resources.Libvirt.Tests.TestSupport;

internal static class Drivers
{
    public static LibvirtDriver Create(
        string uri,
        ComputeResourceOptions? compute = null,
        ILogger? logger = null,
        IFileSystemStatsProvider? fileSystem = null,
        string instancesPath = "/instances") =>
        new(
            new LibvirtDriverOptions { ConnectionUri = uri, InstancesPath = instancesPath },
            () => compute ?? new ComputeResourceOptions(),
            logger ?? NullLogger.Instance,
            fileSystem ?? FakeFileSystem.Default());
}
