using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

/// <summary>A reporter that records what it is given and fails the next calls on request.</summary>
internal sealed class TestReporter : IComputeNodeReporter
{
    private readonly Lock _gate = new();
    private readonly Queue<Exception> _reportFailures = new();
    private readonly Queue<Exception> _removeFailures = new();

    public List<ComputeNode> Reported { get; } = [];

    public List<ComputeNode> Removed { get; } = [];

    /// <summary>Gets or sets a callback run inside every call, before it records anything.</summary>
    public Action? OnCall { get; set; }

    public void FailNextReport(Exception exception) => Enqueue(_reportFailures, exception);

    public void FailNextRemove(Exception exception) => Enqueue(_removeFailures, exception);

    public ValueTask ReportAsync(ComputeNode node, CancellationToken cancellationToken = default)
        => Record(Reported, _reportFailures, node, cancellationToken);

    public ValueTask RemoveAsync(ComputeNode node, CancellationToken cancellationToken = default)
        => Record(Removed, _removeFailures, node, cancellationToken);

    private void Enqueue(Queue<Exception> queue, Exception exception)
    {
        lock (_gate)
        {
            queue.Enqueue(exception);
        }
    }

    private ValueTask Record(List<ComputeNode> list, Queue<Exception> failures, ComputeNode node, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        OnCall?.Invoke();
        lock (_gate)
        {
            if (failures.TryDequeue(out var failure))
            {
                return ValueTask.FromException(failure);
            }

            list.Add(node);
        }

        return ValueTask.CompletedTask;
    }
}
