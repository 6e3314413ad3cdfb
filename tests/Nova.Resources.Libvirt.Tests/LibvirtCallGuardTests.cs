using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Nova.Resources.Libvirt.Tests;

/// <summary>The deadline belongs to each blocking call, not to the whole read.</summary>
public sealed class LibvirtCallGuardTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task RunAsync_TwoSlowCallsEachWithinTheTimeout_Succeeds()
    {
        using var first = new Gate();
        using var second = new Gate();
        var read = await StartTwoCallsPastTheFirstDeadline(first, second);

        second.Release();

        (await read).Should().Be(2, "49 s in all, but no call took 30 s");
    }

    [Fact]
    public async Task RunAsync_SecondCallOverruns_TimesOutThirtySecondsAfterItStarted()
    {
        using var first = new Gate();
        using var second = new Gate();
        var read = await StartTwoCallsPastTheFirstDeadline(first, second);

        _time.Advance(TimeSpan.FromSeconds(1));

        await read.Awaiting(r => r).Should().ThrowAsync<TimeoutException>()
            .WithMessage("virSecondCall on test:///default did not return within 00:00:30 (Libvirt:CallTimeout)*");
    }

    [Fact]
    public async Task RunAsync_CallerOffThePoolWhileTheCallHangs_GetsThePendingTaskBackAtOnce()
    {
        // A caller off the thread pool spins briefly for a quick result; a hung call must not keep it.
        using var gate = new Gate();
        var guard = new LibvirtCallGuard("test:///default", Timeout, _time, NullLogger.Instance);
        Task<int>? read = null;
        var caller = new Thread(() => read = guard.RunAsync("read", gate, static (g, _) =>
        {
            g.Call("virHungCall");
            return 1;
        }, CancellationToken.None).AsTask());

        caller.Start();

        caller.Join(TimeSpan.FromSeconds(10)).Should().BeTrue("the spin for a quick result is bounded");
        read!.IsCompleted.Should().BeFalse("the call is still inside libvirt");
        gate.Release();
        (await read).Should().Be(1);
    }

    /// <summary>Runs two blocking calls: the first takes 20 s, the second has taken 29 s when this returns (49 s in all).</summary>
    private async Task<Task<int>> StartTwoCallsPastTheFirstDeadline(Gate first, Gate second)
    {
        var guard = new LibvirtCallGuard("test:///default", Timeout, _time, NullLogger.Instance);
        var read = guard.RunAsync("read", (first, second), static (gates, _) =>
        {
            gates.first.Call("virFirstCall");
            gates.second.Call("virSecondCall");
            return 2;
        }, CancellationToken.None).AsTask();

        await first.Entered.Task;
        _time.Advance(TimeSpan.FromSeconds(20));
        first.Release();
        await second.Entered.Task;

        // The read's first deadline (30 s after it started) passes while the second call has run only 10 s.
        _time.Advance(TimeSpan.FromSeconds(15));
        _time.Advance(TimeSpan.FromSeconds(14));
        read.IsCompleted.Should().BeFalse("the second call has run 29 s of its 30");
        return read;
    }

    /// <summary>A blocking call of the work: says when it is entered, returns when released.</summary>
    private sealed class Gate : IDisposable
    {
        private readonly ManualResetEventSlim _release = new();

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Call(string function)
        {
            LibvirtOperation.Begin(function);
            Entered.TrySetResult();
            _release.Wait();
            LibvirtOperation.End();
        }

        public void Release() => _release.Set();

        public void Dispose()
        {
            _release.Set();
            _release.Dispose();
        }
    }
}
