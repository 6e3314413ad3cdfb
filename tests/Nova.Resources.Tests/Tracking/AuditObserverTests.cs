using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nova.Resources.Hosting;
using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

public sealed class AuditObserverTests : IDisposable
{
    private readonly TrackerHarness _h = new();
    private readonly TestAuditObserver _observer = new();

    public AuditObserverTests() => _h.AuditObservers.Add(_observer);

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task UpdateAvailableResourceAsync_Succeeds_PassesTheLastAuditToTheObserver()
    {
        var tracker = await _h.AuditedTracker();

        _observer.Observed.Should().ContainSingle();
        var (host, node, result) = _observer.Observed[0];
        host.Should().Be(TrackerHarness.Host);
        node.Should().Be(TrackerHarness.Node);
        result.Should().BeSameAs(tracker.LastAudit);
        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_RecordUnchanged_StillObservesEveryAudit()
    {
        var tracker = await _h.AuditedTracker();
        int writes = _h.Store.Saves;
        _h.Time.Advance(TimeSpan.FromSeconds(60));

        await tracker.UpdateAvailableResourceAsync();

        _h.Store.Saves.Should().Be(writes, "an unchanged audit writes no record");
        _observer.Observed.Should().HaveCount(2);
        _observer.Observed[1].Result.FinishedAt.Should().Be(_h.Time.GetUtcNow());
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_DriverFails_PassesTheFailureToTheObserver()
    {
        var tracker = await _h.AuditedTracker();
        var cause = new TimeoutException("libvirt did not answer");
        _h.Driver.FailNextCall(FakeComputeDriverMethod.GetAvailableResource, cause);

        var act = () => tracker.UpdateAvailableResourceAsync();

        (await act.Should().ThrowAsync<TimeoutException>()).Which.Should().BeSameAs(cause);
        _observer.Observed.Should().HaveCount(2);
        var failed = _observer.Observed[1].Result;
        failed.Succeeded.Should().BeFalse();
        failed.Error.Should().BeSameAs(cause);
        failed.Should().BeSameAs(tracker.LastAudit);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_ObserverThrows_AuditSucceedsAndTheOthersAreCalled()
    {
        _observer.Failure = new InvalidOperationException("the heartbeat table is gone");
        var second = new TestAuditObserver();
        _h.AuditObservers.Add(second);
        var tracker = _h.CreateTracker();

        await tracker.UpdateAvailableResourceAsync();

        tracker.LastAudit!.Succeeded.Should().BeTrue();
        tracker.ComputeNode.Should().NotBeNull();
        (await _h.Stored()).Should().NotBeNull();
        second.Observed.Should().ContainSingle();
        var logged = _h.Logger.Collector.GetSnapshot().Single(r => r.Id.Id == 319);
        logged.Level.Should().Be(LogLevel.Error);
        logged.Exception.Should().BeSameAs(_observer.Failure);
        logged.Message.Should().Contain(nameof(TestAuditObserver)).And.Contain($"{TrackerHarness.Host}:{TrackerHarness.Node}");
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_ObserverThrowsOnAFailedAudit_TheAuditsOwnErrorIsThrown()
    {
        var tracker = await _h.AuditedTracker();
        _observer.Failure = new InvalidOperationException("the heartbeat table is gone");
        var cause = new TimeoutException("libvirt did not answer");
        _h.Driver.FailNextCall(FakeComputeDriverMethod.GetAvailableResource, cause);

        var act = () => tracker.UpdateAvailableResourceAsync();

        (await act.Should().ThrowAsync<TimeoutException>()).Which.Should().BeSameAs(cause);
        tracker.LastAudit!.Error.Should().BeSameAs(cause);
    }

    [Fact]
    public async Task AddNovaResources_ObserverRegistered_TheManagersAuditsReachIt()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IAuditObserver>(_observer);
        services.AddNovaResources(options => options.Host = "compute-di").AddComputeDriver<FakeComputeDriver>();
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<ComputeResourceManager>().UpdateAvailableResourceAsync();

        _observer.Observed.Should().ContainSingle().Which.Host.Should().Be("compute-di");
    }
}
