using Nova.Resources.Tracking;

namespace Nova.Resources.Tests.Tracking;

/// <summary>An instance table: the instances of each node, set by the test.</summary>
internal sealed class TestInstanceSource : IInstanceSource
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IReadOnlyList<InstanceRequest>> _instances = new(StringComparer.Ordinal);

    public List<(string Host, string Node)> Calls { get; } = [];

    public void Set(string node, params InstanceRequest[] instances)
    {
        lock (_gate)
        {
            _instances[node] = instances;
        }
    }

    public ValueTask<IReadOnlyList<InstanceRequest>> GetInstancesAsync(string host, string nodeName, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Calls.Add((host, nodeName));
            return ValueTask.FromResult(_instances.TryGetValue(nodeName, out var list) ? list : (IReadOnlyList<InstanceRequest>)[]);
        }
    }
}
