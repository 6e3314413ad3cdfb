using Nova.Resources.Testing;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

public sealed class ResourceTrackerLastAuditTests : IDisposable
{
    private readonly TrackerHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void LastAudit_BeforeAnyAudit_IsNull()
    {
        _h.CreateTracker().LastAudit.Should().BeNull();
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_Succeeds_RecordsWhenAndHowLong()
    {
        var tracker = _h.CreateTracker();
        var arrived = _h.Driver.HangNextCall(FakeComputeDriverMethod.GetAvailableResource);
        var audit = tracker.UpdateAvailableResourceAsync();
        await arrived;
        _h.Time.Advance(TimeSpan.FromSeconds(2));
        _h.Driver.ReleaseHungCalls();

        await audit;

        tracker.LastAudit.Should().BeEquivalentTo(new
        {
            Succeeded = true,
            Error = (Exception?)null,
            FinishedAt = new DateTimeOffset(2026, 3, 1, 12, 0, 2, TimeSpan.Zero),
            Duration = TimeSpan.FromSeconds(2),
        });
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_Fails_RecordsTheErrorAndKeepsTheRecord()
    {
        var tracker = await _h.AuditedTracker();
        var record = tracker.ComputeNode;
        var cause = new TimeoutException("libvirt did not answer");
        _h.Time.Advance(TimeSpan.FromSeconds(60));
        _h.Driver.FailNextCall(FakeComputeDriverMethod.GetAvailableResource, cause);

        var act = () => tracker.UpdateAvailableResourceAsync();

        (await act.Should().ThrowAsync<TimeoutException>()).Which.Should().BeSameAs(cause);
        tracker.LastAudit!.Succeeded.Should().BeFalse();
        tracker.LastAudit.Error.Should().BeSameAs(cause);
        tracker.LastAudit.FinishedAt.Should().Be(new DateTimeOffset(2026, 3, 1, 12, 1, 0, TimeSpan.Zero));
        tracker.ComputeNode.Should().BeSameAs(record);
    }

    [Fact]
    public async Task UpdateAvailableResourceAsync_Cancelled_LeavesTheLastAuditAsItWasAndIsNotObserved()
    {
        var tracker = await _h.AuditedTracker();
        var observer = new TestAuditObserver();
        _h.AuditObservers.Add(observer);
        var last = tracker.LastAudit;
        var arrived = _h.Driver.HangNextCall(FakeComputeDriverMethod.GetAvailableResource);
        using var cancellation = new CancellationTokenSource();
        var audit = tracker.UpdateAvailableResourceAsync(cancellation.Token);
        await arrived;

        await cancellation.CancelAsync();

        await audit.Invoking(a => a).Should().ThrowAsync<OperationCanceledException>();
        tracker.LastAudit.Should().BeSameAs(last);
        observer.Observed.Should().BeEmpty("a cancelled audit is neither a success nor a failure");
    }

    [Fact]
    public async Task ClaimAsync_NoRecordBecauseTheAuditFailed_SaysSoAndWhy()
    {
        var tracker = _h.CreateTracker();
        var cause = new DirectoryNotFoundException("The instances path '/var/lib/nova/instances' does not exist");
        _h.Driver.FailNextCall(FakeComputeDriverMethod.GetAvailableResource, cause);
        await tracker.Invoking(t => t.UpdateAvailableResourceAsync()).Should().ThrowAsync<DirectoryNotFoundException>();

        var act = async () => await tracker.ClaimAsync(TrackerHarness.Instance("vm-1"));

        var refusal = (await act.Should().ThrowAsync<ComputeResourcesUnavailableException>()).Which;
        refusal.Message.Should().Be(
            "Attempt to claim resources for instance vm-1 on node fake-mini failed: the node has no compute-node record because"
            + " its last audit failed at 2026-03-01 12:00:00Z: The instances path '/var/lib/nova/instances' does not exist");
        refusal.InnerException.Should().BeSameAs(cause);
    }

    [Fact]
    public async Task ClaimAsync_NeverAudited_KeepsNovasUnknownNodeMessage()
    {
        var act = async () => await _h.CreateTracker().ClaimAsync(TrackerHarness.Instance("vm-1"));

        (await act.Should().ThrowAsync<ComputeResourcesUnavailableException>()).Which.Message.Should().Be(
            "Attempt to claim resources for instance vm-1 on unknown node fake-mini failed");
    }

    [Fact]
    public async Task ClaimAsync_AuditFailedAfterAGoodOne_ClaimsOnTheLastGoodRecord()
    {
        var tracker = await _h.AuditedTracker();
        _h.Driver.FailNextCall(FakeComputeDriverMethod.GetAvailableResource, new TimeoutException("slow"));
        await tracker.Invoking(t => t.UpdateAvailableResourceAsync()).Should().ThrowAsync<TimeoutException>();

        await using var claim = await tracker.ClaimAsync(TrackerHarness.Instance("vm-1"));

        tracker.ComputeNode!.MemoryMbUsed.Should().Be(512 + 512);
    }
}
