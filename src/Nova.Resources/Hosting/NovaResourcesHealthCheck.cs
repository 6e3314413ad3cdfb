using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Nova.Resources.Tracking;

namespace Nova.Resources.Hosting;

/// <summary>
/// The <c>nova-resources</c> health check: Healthy when every node's last audit succeeded within a few audit
/// intervals; Unhealthy, naming each node and the cause, when a node's last audit failed, when no audit of a
/// node succeeded within <see cref="StaleAfterIntervals"/> intervals (the periodic audit is stuck), or before the
/// first audit; Degraded when the audits succeed but a reporter (<see cref="IComputeNodeReporter"/>) failed to
/// take a node's last record. A readiness probe can use it as is.
/// </summary>
internal sealed class NovaResourcesHealthCheck(ComputeResourceManager manager, IOptionsMonitor<ComputeResourceOptions> options, TimeProvider time) : IHealthCheck
{
    /// <summary>How many audit intervals may pass without a finished audit before a node counts as stale.</summary>
    internal const int StaleAfterIntervals = 3;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var trackers = manager.Trackers;
        if (trackers.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("No node has been audited yet."));
        }

        var now = time.GetUtcNow();
        var period = ResourceAuditService.PeriodOf(options.CurrentValue.UpdateResourcesInterval);
        var problems = new List<string>();
        var reportProblems = new List<string>();
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        Exception? firstError = null;
        foreach (var (node, tracker) in trackers.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var audit = tracker.LastAudit;
            data[node] = audit is null ? "not audited yet" : Describe(audit);
            if (Problem(node, audit, now, period) is { } problem)
            {
                problems.Add(problem);
                firstError ??= audit?.Error;
            }
            else if (tracker.LastReportError is { } reportError)
            {
                reportProblems.Add($"The last report of node {node} failed: {reportError.Message}");
                firstError ??= reportError;
            }
        }

        return Task.FromResult(
            problems.Count > 0 ? HealthCheckResult.Unhealthy(string.Join(" ", problems), firstError, data)
            : reportProblems.Count > 0 ? HealthCheckResult.Degraded(string.Join(" ", reportProblems), firstError, data)
            : HealthCheckResult.Healthy($"Every node's last audit succeeded ({trackers.Count} node{(trackers.Count == 1 ? string.Empty : "s")}).", data));
    }

    private static string? Problem(string node, AuditResult? audit, DateTimeOffset now, TimeSpan? period)
    {
        if (audit is null)
        {
            return $"Node {node} has not been audited yet.";
        }

        if (audit.Error is { } error)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The last audit of node {node} failed at {audit.FinishedAt:u}: {error.Message}");
        }

        if (period is { } interval && now - audit.FinishedAt > interval * StaleAfterIntervals)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"No audit of node {node} finished since {audit.FinishedAt:u}, {StaleAfterIntervals} audit intervals ({interval:c}) ago.");
        }

        return null;
    }

    private static string Describe(AuditResult audit) => string.Create(
        CultureInfo.InvariantCulture,
        $"{(audit.Succeeded ? "succeeded" : "failed")} at {audit.FinishedAt:u} in {audit.Duration.TotalMilliseconds:0} ms");
}
