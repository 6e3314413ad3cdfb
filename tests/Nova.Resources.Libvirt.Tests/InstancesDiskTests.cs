using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Nova.Resources.Libvirt.Tests.TestSupport;

namespace Nova.Resources.Libvirt.Tests;

public sealed class InstancesDiskTests
{
    private const string Missing = "/nonexistent/nova/instances";

    [Theory]
    [InlineData("test:///default")]
    [InlineData("test:///srv/node.xml")]
    public void GetStats_TestDriverAndMissingPath_ReadsTheRootFileSystemAndLogsOnce(string uri)
    {
        var logger = new FakeLogger();
        var disk = new InstancesDisk(new LibvirtDriverOptions { ConnectionUri = uri, InstancesPath = Missing }, StatvfsFileSystemStatsProvider.Instance, logger);

        var first = disk.GetStats();
        var second = disk.GetStats();

        var root = StatvfsFileSystemStatsProvider.Instance.GetStats("/");
        first.TotalBytes.Should().Be(root.TotalBytes);
        second.TotalBytes.Should().Be(root.TotalBytes);
        logger.Collector.GetSnapshot().Should().ContainSingle().Which.Should().Match<FakeLogRecord>(r =>
            r.Level == LogLevel.Information
            && r.Message == $"The instances path {Missing} does not exist; the test driver connection {uri} reports the local disk of / instead");
    }

    [Theory]
    [InlineData("qemu:///system")]
    [InlineData("qemu+ssh://compute-1/system")]
    public void GetStats_RealHypervisorAndMissingPath_NamesThePathAndTheOption(string uri)
    {
        var disk = new InstancesDisk(new LibvirtDriverOptions { ConnectionUri = uri, InstancesPath = Missing }, StatvfsFileSystemStatsProvider.Instance, new FakeLogger());

        var act = () => disk.GetStats();

        act.Should().Throw<DirectoryNotFoundException>().WithMessage($"The instances path '{Missing}' does not exist*Libvirt:InstancesPath*");
    }

    [Fact]
    public void GetStats_ExistingPath_ReadsIt()
    {
        var fileSystem = FakeFileSystem.Default();
        var disk = new InstancesDisk(new LibvirtDriverOptions { ConnectionUri = "test:///default", InstancesPath = "/srv/instances" }, fileSystem, new FakeLogger());

        disk.GetStats().TotalBytes.Should().Be(100 * FakeFileSystem.GiB);
        fileSystem.Paths.Should().Equal("/srv/instances");
    }

    [Fact]
    public async Task GetAvailableResourceAsync_TestDriverWithTheDefaultInstancesPath_Works()
    {
        var options = new LibvirtDriverOptions { ConnectionUri = "test:///default" };
        Directory.Exists(options.InstancesPath).Should().BeFalse("this test is about a machine without Nova's instances directory");
        using var driver = new LibvirtDriver(options, new FakeLogger(), StatvfsFileSystemStatsProvider.Instance);

        var resources = await driver.GetAvailableResourceAsync("any");

        resources!.LocalGb.Should().Be((long)(StatvfsFileSystemStatsProvider.Instance.GetStats("/").TotalBytes / FakeFileSystem.GiB));
    }
}
