using Microsoft.Extensions.Time.Testing;
using Nova.Resources.Libvirt.Tests.TestSupport;

namespace Nova.Resources.Libvirt.Tests;

/// <summary>
/// A blocking call that hangs (here the <c>statvfs</c> of the instances path; against a stopped libvirtd in
/// <c>RealHypervisor/QemuSessionTests</c>): the caller is released at its deadline or cancellation, the call goes on
/// in the background, and calls made meanwhile fail at once naming it instead of piling up behind it.
/// </summary>
public sealed class LibvirtDriverTimeoutTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private readonly BlockingFileSystem _fileSystem = new();
    private readonly ReleaseWatcher _watcher = new();
    private readonly LibvirtDriver _driver;

    public LibvirtDriverTimeoutTests() => _driver = new LibvirtDriver(
        new LibvirtDriverOptions { ConnectionUri = "test:///default", InstancesPath = "/instances", CallTimeout = Timeout },
        _watcher.Logger,
        _fileSystem,
        _time);

    [Fact]
    public async Task GetAvailableResourceAsync_CallHangsPastCallTimeout_ThrowsTimeoutNamingTheCall()
    {
        var read = _driver.GetAvailableResourceAsync("any").AsTask();
        await _fileSystem.Entered.Task;

        _time.Advance(Timeout - TimeSpan.FromSeconds(1));
        read.IsCompleted.Should().BeFalse("the call has one second left");
        _time.Advance(TimeSpan.FromSeconds(1));

        await read.Awaiting(r => r).Should().ThrowAsync<TimeoutException>()
            .WithMessage("statvfs on test:///default did not return within 00:00:30 (Libvirt:CallTimeout). It goes on in the background*");
        _watcher.Logger.LatestRecord.Id.Id.Should().Be(509);
        _watcher.Logger.LatestRecord.Message.Should().Be("statvfs on test:///default has not returned for 30 s; its caller stopped waiting, and calls on this connection fail until it returns");
    }

    [Fact]
    public async Task Calls_WhileAnAbandonedCallHangs_FailAtOnceNamingItThenResumeWhenItReturns()
    {
        var read = _driver.GetAvailableResourceAsync("any").AsTask();
        await _fileSystem.Entered.Task;
        _time.Advance(Timeout);
        await read.Awaiting(r => r).Should().ThrowAsync<TimeoutException>();
        _time.Advance(TimeSpan.FromSeconds(12));

        var nodes = () => _driver.GetAvailableNodesAsync().AsTask();
        var usage = () => _driver.GetPerInstanceUsageAsync("any").AsTask();

        await nodes.Should().ThrowAsync<TimeoutException>()
            .WithMessage("GetAvailableNodesAsync was not called: statvfs on test:///default has not returned for 42 s (Libvirt:CallTimeout is 00:00:30); calls on this connection resume once it returns.");
        await usage.Should().ThrowAsync<TimeoutException>().WithMessage("GetPerInstanceUsageAsync was not called: statvfs *");
        _watcher.Logger.Opens().Should().Be(0, "nothing reached libvirt behind the hung call");

        _fileSystem.Release();
        await _watcher.CallReturned;

        _watcher.Logger.LatestRecord.Message.Should().Be("statvfs on test:///default returned after 42 s; calls on this connection resume");
        (await nodes()).Should().ContainSingle();
        (await usage()).Should().ContainSingle();
    }

    [Fact]
    public async Task GetAvailableResourceAsync_CancelledWhileACallHangs_ThrowsAtCancellation()
    {
        using var cts = new CancellationTokenSource();
        var read = _driver.GetAvailableResourceAsync("any", cts.Token).AsTask();
        await _fileSystem.Entered.Task;

        await cts.CancelAsync();

        (await read.Awaiting(r => r).Should().ThrowAsync<OperationCanceledException>()).Which.CancellationToken.Should().Be(cts.Token);
        _fileSystem.Release();
        await _watcher.CallReturned;
        (await _driver.GetAvailableNodesAsync()).Should().ContainSingle("the abandoned read gave the connection back");
    }

    [Fact]
    public async Task GetAvailableResourceAsync_AbandonedReadReturns_StopsWithoutCallingLibvirt()
    {
        var read = _driver.GetAvailableResourceAsync("any").AsTask();
        await _fileSystem.Entered.Task;
        _time.Advance(Timeout);
        await read.Awaiting(r => r).Should().ThrowAsync<TimeoutException>();

        _fileSystem.Release();
        await _watcher.CallReturned;

        _watcher.Logger.Opens().Should().Be(0, "the read's caller had gone, so the read stopped after statvfs");
    }

    [Fact]
    public async Task Dispose_WhileACallHangs_ReturnsAndLaterCallsAreRefused()
    {
        var read = _driver.GetAvailableResourceAsync("any").AsTask();
        await _fileSystem.Entered.Task;

        _driver.Dispose();
        _fileSystem.Release();

        await read.Awaiting(r => r).Should().ThrowAsync<ObjectDisposedException>();
    }

    public void Dispose()
    {
        _driver.Dispose();
        _fileSystem.Dispose();
    }
}
