using Nova.Resources.Overview.Model;

namespace Nova.Resources.Overview.Audits;

/// <summary>Reads the last audit of every node that has a current record.</summary>
internal interface IAuditReader
{
    /// <summary>Returns each node's last audit by host and node; a node whose host records no audits is left out.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The audits.</returns>
    /// <exception cref="System.Data.Common.DbException">The store could not be read.</exception>
    Task<IReadOnlyDictionary<(string Host, string Node), NodeAudit>> ReadAsync(CancellationToken cancellationToken);
}
