using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Nova.Resources.Compute;
using Nova.Resources.Testing;

namespace Nova.Resources.Tests.Compute;

public sealed partial class HostStateTests
{
    private const string Node = FakeComputeDriver.DefaultNodeName;
    private const FakeComputeDriverMethod Read = FakeComputeDriverMethod.GetAvailableResource;

    private readonly FakeComputeDriver _driver = new();
    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogger<HostState> _logger = new();

    [Fact]
    public async Task GetHostStatsAsync_NothingCached_ReadsTheDriver()
    {
        var state = Create();

        var stats = await state.GetHostStatsAsync(Node);

        stats.Should().Be(FakeComputeDriver.CreateResources(Node));
        Calls().Should().Be(1);
    }

    [Fact]
    public async Task GetHostStatsAsync_Cached_ReturnsTheCacheSynchronouslyWithoutCallingTheDriver()
    {
        var state = Create();
        var first = await state.GetHostStatsAsync(Node);
        _driver.SetResources(Node, FakeComputeDriver.CreateResources(Node) with { Vcpus = 8 });

        var hit = state.GetHostStatsAsync(Node);

        hit.IsCompletedSuccessfully.Should().BeTrue();
        (await hit).Should().BeSameAs(first);
        Calls().Should().Be(1);
    }

    [Fact]
    public async Task GetHostStatsAsync_Refresh_ReadsTheDriverAgainAndCachesTheNewValue()
    {
        var state = Create();
        await state.GetHostStatsAsync(Node);
        var changed = FakeComputeDriver.CreateResources(Node) with { Vcpus = 8 };
        _driver.SetResources(Node, changed);

        var refreshed = await state.GetHostStatsAsync(Node, refresh: true);
        var cached = await state.GetHostStatsAsync(Node);

        refreshed.Should().Be(changed);
        cached.Should().BeSameAs(refreshed);
        Calls().Should().Be(2);
    }

    [Fact]
    public async Task GetHostStatsAsync_DriverDoesNotSupportTracking_CachesNull()
    {
        _driver.SetResources(Node, null);
        var state = Create();

        var first = await state.GetHostStatsAsync(Node);
        var second = await state.GetHostStatsAsync(Node);

        first.Should().BeNull();
        second.Should().BeNull();
        Calls().Should().Be(1);
    }

    [Fact]
    public async Task GetHostStatsAsync_TwoNodes_CachesEachOnItsOwn()
    {
        _driver.SetNodes("node1", "node2");
        var state = Create();

        var node1 = await state.GetHostStatsAsync("node1");
        var node2 = await state.GetHostStatsAsync("node2");
        await state.GetHostStatsAsync("node1");

        node1!.HypervisorHostname.Should().Be("node1");
        node2!.HypervisorHostname.Should().Be("node2");
        Calls().Should().Be(2);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetHostStatsAsync_32ConcurrentCallers_ShareOneDriverCall(bool refresh)
    {
        var state = Create();
        var arrived = _driver.HangNextCall(Read);
        var tasks = new Task<HostResources?>[32];
        using var barrier = new Barrier(tasks.Length);
        var threads = Enumerable.Range(0, tasks.Length).Select(i => new Thread(() =>
        {
            barrier.SignalAndWait();
            tasks[i] = state.GetHostStatsAsync(Node, refresh).AsTask();
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        arrived.IsCompleted.Should().BeTrue();
        tasks.Should().OnlyContain(t => !t.IsCompleted);
        _driver.ReleaseHungCalls();
        var results = await Task.WhenAll(tasks);

        Calls().Should().Be(1);
        results.Should().AllSatisfy(r => r.Should().BeSameAs(results[0]));
        results[0].Should().Be(FakeComputeDriver.CreateResources(Node));
    }

    [Fact]
    public async Task GetHostStatsAsync_RefreshFails_SurfacesTheExceptionAndKeepsThePreviousValue()
    {
        var state = Create();
        var previous = await state.GetHostStatsAsync(Node);
        var failure = new InvalidOperationException("libvirt went away");
        _driver.FailNextCall(Read, failure);

        var act = async () => await state.GetHostStatsAsync(Node, refresh: true);

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(failure);
        (await state.GetHostStatsAsync(Node)).Should().BeSameAs(previous);
        Calls().Should().Be(2);
    }

    [Fact]
    public async Task GetHostStatsAsync_RefreshFails_EveryCallerOfThatRefreshGetsTheException()
    {
        var state = Create();
        var failure = new InvalidOperationException("libvirt went away");
        var arrived = _driver.HangNextCall(Read);
        _driver.FailNextCall(Read, failure);
        var callers = Enumerable.Range(0, 5).Select(_ => state.GetHostStatsAsync(Node, refresh: true).AsTask()).ToArray();
        await arrived;

        _driver.ReleaseHungCalls();

        foreach (var caller in callers)
        {
            (await caller.Invoking(c => c).Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(failure);
        }

        Calls().Should().Be(1);
    }

    [Fact]
    public async Task GetHostStatsAsync_AfterAFailedFirstRead_NextCallReadsAgain()
    {
        var state = Create();
        _driver.FailNextCall(Read, new InvalidOperationException("not yet"));
        var act = async () => await state.GetHostStatsAsync(Node);
        await act.Should().ThrowAsync<InvalidOperationException>();

        var stats = await state.GetHostStatsAsync(Node);

        stats.Should().Be(FakeComputeDriver.CreateResources(Node));
        Calls().Should().Be(2);
    }

    [Fact]
    public async Task GetHostStatsAsync_OneCallerCancels_OthersStillGetTheRead()
    {
        var state = Create();
        var arrived = _driver.HangNextCall(Read);
        using var cancellation = new CancellationTokenSource();
        var cancelled = state.GetHostStatsAsync(Node, refresh: true, cancellation.Token).AsTask();
        var patient = state.GetHostStatsAsync(Node, refresh: true).AsTask();
        await arrived;

        await cancellation.CancelAsync();

        await cancelled.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        patient.IsCompleted.Should().BeFalse();
        _driver.ReleaseHungCalls();
        (await patient).Should().Be(FakeComputeDriver.CreateResources(Node));
        (await state.GetHostStatsAsync(Node)).Should().BeSameAs(await patient);
        Calls().Should().Be(1);
    }

    [Fact]
    public async Task GetHostStatsAsync_EveryCallerCancels_CancelsTheReadAndTheNextCallReadsAgain()
    {
        var state = Create();
        var arrived = _driver.HangNextCall(Read);
        using var cancellation = new CancellationTokenSource();
        var cancelled = state.GetHostStatsAsync(Node, refresh: true, cancellation.Token).AsTask();
        await arrived;

        await cancellation.CancelAsync();
        await cancelled.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();

        // The fake's hung call observes the read's own token: it was cancelled, not released.
        var stats = await state.GetHostStatsAsync(Node);
        stats.Should().Be(FakeComputeDriver.CreateResources(Node));
        Calls().Should().Be(2);
        _logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 204);
    }

    [Fact]
    public async Task GetHostStatsAsync_TokenAlreadyCancelled_ThrowsWithoutCallingTheDriver()
    {
        var state = Create();

        var act = async () => await state.GetHostStatsAsync(Node, cancellationToken: new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>();
        Calls().Should().Be(0);
    }

    [Fact]
    public async Task GetHostStatsAsync_MaxAge_ServesTheCacheUpToItAndReadsAgainAfter()
    {
        var state = Create(maxAge: TimeSpan.FromMinutes(1));
        await state.GetHostStatsAsync(Node);

        _time.Advance(TimeSpan.FromMinutes(1));
        await state.GetHostStatsAsync(Node);
        Calls().Should().Be(1);

        _time.Advance(TimeSpan.FromTicks(1));
        await state.GetHostStatsAsync(Node);
        Calls().Should().Be(2);

        _time.Advance(TimeSpan.FromSeconds(59));
        await state.GetHostStatsAsync(Node);
        Calls().Should().Be(2);
        _logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 202);
    }

    [Fact]
    public async Task GetHostStatsAsync_MaxAgeExpiredAndReadFails_SurfacesTheExceptionAndKeepsTheOldValue()
    {
        var state = Create(maxAge: TimeSpan.FromMinutes(1));
        var previous = await state.GetHostStatsAsync(Node);
        _time.Advance(TimeSpan.FromMinutes(2));
        _driver.FailNextCall(Read, new TimeoutException());

        var act = async () => await state.GetHostStatsAsync(Node);

        await act.Should().ThrowAsync<TimeoutException>();
        _driver.SetResources(Node, previous! with { Vcpus = 2 });
        (await state.GetHostStatsAsync(Node))!.Vcpus.Should().Be(2);
        Calls().Should().Be(3);
    }

    [Fact]
    public async Task GetHostStatsAsync_NoMaxAge_ServesTheCacheForever()
    {
        var state = Create();
        await state.GetHostStatsAsync(Node);

        _time.Advance(TimeSpan.FromDays(365));
        await state.GetHostStatsAsync(Node);

        Calls().Should().Be(1);
    }

    private HostState Create(TimeSpan? maxAge = null)
        => new(_driver, Options.Create(new ComputeResourceOptions { HostStatsMaxAge = maxAge }), _time, _logger);

    private int Calls() => _driver.GetCallCount(Read);
}
