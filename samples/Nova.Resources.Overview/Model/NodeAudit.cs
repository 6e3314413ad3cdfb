namespace Nova.Resources.Overview.Model;

/// <summary>A node's last audit as its host recorded it (<c>nova_resources_audits</c>).</summary>
/// <param name="FinishedAt">When the audit finished.</param>
/// <param name="Succeeded">Whether it succeeded.</param>
/// <param name="Error">Why it failed (the first 1000 characters of the message), or <see langword="null"/>.</param>
internal sealed record NodeAudit(DateTimeOffset FinishedAt, bool Succeeded, string? Error);
