using System.Data.Common;
using Nova.Resources.Overview.Audits;
using Nova.Resources.Overview.Model;

namespace Nova.Resources.Overview.Tests.Support;

/// <summary>An audit reader over a dictionary the test fills, or one that fails as a database does.</summary>
internal sealed class ListAuditReader : IAuditReader
{
    public Dictionary<(string Host, string Node), NodeAudit> Audits { get; } = [];

    public bool Fail { get; set; }

    public Task<IReadOnlyDictionary<(string Host, string Node), NodeAudit>> ReadAsync(CancellationToken cancellationToken)
        => Fail
            ? Task.FromException<IReadOnlyDictionary<(string Host, string Node), NodeAudit>>(new UnreadableException())
            : Task.FromResult<IReadOnlyDictionary<(string Host, string Node), NodeAudit>>(new Dictionary<(string Host, string Node), NodeAudit>(Audits));

    private sealed class UnreadableException() : DbException("relation \"nova_resources_audits\" is locked");
}
