using Nova.Resources.Overview.Model;
using Nova.Resources.Overview.Tests.Support;
using Nova.Resources.Tracking;

namespace Nova.Resources.Overview.Tests.Model;

public class OverviewBuilderAuditTests
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);
    private static readonly DateTimeOffset Now = Nodes.Created.AddMinutes(15);

    private static readonly ComputeNode[] Nodes3 =
    [
        Nodes.Make("audited", 4, 4096, 10, updatedAt: null),
        Nodes.Make("failing", 4, 4096, 10, updatedAt: null),
        Nodes.Make("silent", 4, 4096, 10, updatedAt: null),
    ];

    private static readonly Dictionary<(string Host, string Node), NodeAudit> Audits = new()
    {
        [("audited", "audited")] = new NodeAudit(Now.AddSeconds(-4), true, null),
        [("failing", "failing")] = new NodeAudit(Now.AddSeconds(-2), false, "virConnectGetInfo: End of file while reading data"),
        [("gone", "gone")] = new NodeAudit(Now, true, null),
    };

    [Fact]
    public void Build_Audits_EachHostCarriesItsLastAudit()
    {
        var overview = OverviewBuilder.Build(Nodes3, null, Now, StaleAfter, audits: Audits);

        var audited = overview.Hosts.Single(h => h.Host == "audited");
        (audited.LastAuditAt, audited.LastAuditSucceeded, audited.LastAuditError).Should().Be((Now.AddSeconds(-4), true, (string?)null));
        var failing = overview.Hosts.Single(h => h.Host == "failing");
        (failing.LastAuditAt, failing.LastAuditSucceeded, failing.LastAuditError)
            .Should().Be((Now.AddSeconds(-2), false, "virConnectGetInfo: End of file while reading data"));
        var silent = overview.Hosts.Single(h => h.Host == "silent");
        (silent.LastAuditAt, silent.LastAuditSucceeded, silent.LastAuditError).Should().Be(((DateTimeOffset?)null, (bool?)null, (string?)null));
        overview.Hosts.Should().HaveCount(3, "an audit without a record shows no host");
    }

    [Fact]
    public void Build_RecordUnchangedButAuditedRecently_IsNotStale()
    {
        var overview = OverviewBuilder.Build(Nodes3, null, Now, StaleAfter, audits: Audits);

        overview.Hosts.Single(h => h.Host == "audited").Stale.Should().BeFalse();
        overview.Hosts.Single(h => h.Host == "failing").Stale.Should().BeFalse("a failing host is alive; the audit column says what is wrong");
        overview.Hosts.Single(h => h.Host == "silent").Stale.Should().BeTrue();
        overview.StaleCount.Should().Be(1);
    }

    [Fact]
    public void Build_LastAuditOlderThanStaleAfter_IsStale()
    {
        var old = new Dictionary<(string Host, string Node), NodeAudit> { [("audited", "audited")] = new NodeAudit(Now.AddMinutes(-11), true, null) };

        var overview = OverviewBuilder.Build(Nodes3, null, Now, StaleAfter, audits: old);

        overview.Hosts.Single(h => h.Host == "audited").Stale.Should().BeTrue();
    }
}
