using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Nova.Resources.Libvirt.Tests.TestSupport;

internal static class Drivers
{
    public static LibvirtDriver Create(
        string uri,
        ILogger? logger = null,
        IFileSystemStatsProvider? fileSystem = null,
        string instancesPath = "/instances") =>
        new(
            new LibvirtDriverOptions { ConnectionUri = uri, InstancesPath = instancesPath },
            logger ?? NullLogger.Instance,
            fileSystem ?? FakeFileSystem.Default());
}
