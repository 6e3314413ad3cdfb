using Microsoft.Extensions.Logging.Testing;

namespace Nova.Resources.Libvirt.Tests.TestSupport;

internal static class LogRecords
{
    /// <summary>How many times a libvirt connection was opened: the "Connecting to libvirt" records (event 500).</summary>
    public static int Opens(this FakeLogCollector collector) => collector.GetSnapshot().Count(r => r.Id.Id == 500);

    /// <inheritdoc cref="Opens(FakeLogCollector)"/>
    public static int Opens(this FakeLogger logger) => logger.Collector.Opens();
}
