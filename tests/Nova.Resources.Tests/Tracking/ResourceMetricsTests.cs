using System.Diagnostics.Metrics;
using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

public sealed class ResourceMetricsTests
{
    [Fact]
    public void Instruments_HaveTheNamesUnitsAndKindsTheIssueAsksFor()
    {
        using var metrics = new ResourceMetrics(meterFactory: null);
        var published = new Dictionary<string, (string? Unit, Type Kind)>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter))
                {
                    published[instrument.Name] = (instrument.Unit, instrument.GetType().GetGenericTypeDefinition());
                }
            };
            listener.Start();
        }

        metrics.Meter.Name.Should().Be("Nova.Resources");
        published.Should().BeEquivalentTo(new Dictionary<string, (string?, Type)>
        {
            ["nova.compute.vcpus"] = ("{cpu}", typeof(ObservableGauge<>)),
            ["nova.compute.vcpus.used"] = ("{cpu}", typeof(ObservableGauge<>)),
            ["nova.compute.memory"] = ("MiBy", typeof(ObservableGauge<>)),
            ["nova.compute.memory.used"] = ("MiBy", typeof(ObservableGauge<>)),
            ["nova.compute.disk"] = ("GiBy", typeof(ObservableGauge<>)),
            ["nova.compute.disk.used"] = ("GiBy", typeof(ObservableGauge<>)),
            ["nova.compute.audits"] = ("{audit}", typeof(Counter<>)),
            ["nova.compute.audit.failures"] = ("{audit}", typeof(Counter<>)),
            ["nova.compute.audit.duration"] = ("s", typeof(Histogram<>)),
            ["nova.compute.claims.granted"] = ("{claim}", typeof(Counter<>)),
            ["nova.compute.claims.refused"] = ("{claim}", typeof(Counter<>)),
            ["nova.compute.report.failures"] = ("{report}", typeof(Counter<>)),
        });
    }
}
