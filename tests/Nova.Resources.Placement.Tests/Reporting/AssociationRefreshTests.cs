using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Nova.Resources.Placement.Tests.TestSupport;

namespace Nova.Resources.Placement.Tests.Reporting;

/// <summary>The cached provider is trusted for <see cref="PlacementOptions.AssociationRefresh"/>, then read again.</summary>
[Collection(PlacementCollection.Name)]
public sealed class AssociationRefreshTests(PlacementFixture placement)
{
    [Fact]
    public async Task ReportAsync_AfterAssociationRefresh_ReadsTheProviderAgainAndWritesNothing()
    {
        var time = new FakeTimeProvider();
        await using var services = SyntheticNodes.Services(placement.Endpoint, static o => o.AssociationRefresh = TimeSpan.FromSeconds(300), s => s.AddSingleton<TimeProvider>(time));
        var node = SyntheticNodes.Create();
        await services.Reporter().ReportAsync(node);
        using var requests = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), "Nova.Resources", "nova.placement.requests");

        time.Advance(TimeSpan.FromSeconds(300));
        await services.Reporter().ReportAsync(node);
        int withinRefresh = requests.GetMeasurementSnapshot().Count;
        time.Advance(TimeSpan.FromSeconds(1));
        await services.Reporter().ReportAsync(node);
        var afterRefresh = requests.GetMeasurementSnapshot();

        withinRefresh.Should().Be(0);
        afterRefresh.Should().HaveCount(3).And.OnlyContain(static m => (string)m.Tags["http.request.method"]! == "GET");
    }

    [Fact]
    public async Task ReportAsync_AssociationRefreshZero_NeverReadsAgain()
    {
        var time = new FakeTimeProvider();
        await using var services = SyntheticNodes.Services(placement.Endpoint, static o => o.AssociationRefresh = TimeSpan.Zero, s => s.AddSingleton<TimeProvider>(time));
        var node = SyntheticNodes.Create();
        await services.Reporter().ReportAsync(node);
        using var requests = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), "Nova.Resources", "nova.placement.requests");

        time.Advance(TimeSpan.FromDays(2));
        await services.Reporter().ReportAsync(node);

        requests.GetMeasurementSnapshot().Should().BeEmpty();
    }
}
