using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Nova.Resources.Hosting;
using Nova.Resources.HostReport;

namespace Nova.Resources.Libvirt.Tests.Samples;

/// <summary>host-report --watch on libvirt's test driver, driven by a fake clock.</summary>
public sealed class HostReportWatchTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_UnchangedHost_PrintsOneHeartbeatPerAudit()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.Zero };
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        using var provider = BuildProvider();
        using var output = new LineSignallingWriter();
        using var stop = new CancellationTokenSource();
        var loop = new WatchLoop(provider.GetRequiredService<ComputeResourceManager>(), new ReportRenderer(json: false, output), TextWriter.Null, Interval, time);

        var running = loop.RunAsync(stop.Token);
        await output.NextHeartbeatAsync();
        time.Advance(Interval);
        await output.NextHeartbeatAsync();
        time.Advance(Interval);
        await output.NextHeartbeatAsync();
        await stop.CancelAsync();
        var act = () => running;

        await act.Should().ThrowAsync<OperationCanceledException>();
        output.Heartbeats.Should().Equal(
            "12:00:00 audit 1 took 0 ms: first view",
            "12:00:10 audit 2 took 0 ms: no change",
            "12:00:20 audit 3 took 0 ms: no change");
        output.ToString().Should().Contain("Placement inventory", "the first audit's view is printed in full");
    }

    [Theory]
    [InlineData(0, "no change")]
    [InlineData(1, "1 change")]
    [InlineData(3, "3 changes")]
    public void Heartbeat_Changes_SaysTheTimeTheDurationAndWhetherAnythingChanged(int count, string outcome)
    {
        var changes = Enumerable.Range(0, count).Select(i => $"change {i}").ToList();

        string line = WatchLoop.Heartbeat(new DateTimeOffset(2026, 12, 1, 1, 2, 3, TimeSpan.Zero), 4, TimeSpan.FromMilliseconds(12.4), changes);

        line.Should().Be($"01:02:03 audit 4 took 12 ms: {outcome}");
    }

    private static ServiceProvider BuildProvider()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddNovaResources(o => o.MyIp = "192.0.2.7").AddLibvirtDriver(o =>
        {
            o.ConnectionUri = "test:///default";
            o.InstancesPath = "/";
        });
        return services.BuildServiceProvider();
    }

    /// <summary>Collects what the loop prints and lets the test wait, without sleeping, for each heartbeat line.</summary>
    private sealed class LineSignallingWriter : StringWriter
    {
        private readonly SemaphoreSlim _heartbeats = new(0);
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Heartbeats
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && value.Contains(" audit ", StringComparison.Ordinal))
            {
                lock (_lines)
                {
                    _lines.Add(value);
                }

                _heartbeats.Release();
            }
        }

        public Task NextHeartbeatAsync() => _heartbeats.WaitAsync();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _heartbeats.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
