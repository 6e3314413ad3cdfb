using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Nova.Resources.Compute;
using Nova.Resources.Testing;

namespace Nova.Resources.Tests.Compute;

/// <summary>What an audit reads through <see cref="HostState"/>: the node list and one snapshot per node.</summary>
public sealed class HostStateSnapshotTests
{
    private const string Node = FakeComputeDriver.DefaultNodeName;

    private readonly FakeComputeDriver _driver = new();
    private readonly HostState _state;

    public HostStateSnapshotTests()
    {
        _state = new HostState(_driver, Options.Create(new ComputeResourceOptions()), new FakeTimeProvider());
    }

    [Fact]
    public async Task GetAvailableNodesAsync_Duplicates_GivesEachNameOnceInTheDriversOrder()
    {
        _driver.SetNodes("b", "a", "b", "c", "a");

        var nodes = await _state.GetAvailableNodesAsync(CancellationToken.None);

        nodes.Should().Equal("b", "a", "c");
    }

    [Fact]
    public async Task GetAvailableNodesAsync_NodeNoLongerReported_ForgetsItsCachedResources()
    {
        _driver.SetNodes("n1", "n2");
        await _state.GetHostStatsAsync("n1");
        await _state.GetHostStatsAsync("n2");
        _driver.SetNodes("n1");

        await _state.GetAvailableNodesAsync(CancellationToken.None);

        int reads = _driver.GetCallCount(FakeComputeDriverMethod.GetAvailableResource);
        await _state.GetHostStatsAsync("n1");
        _driver.GetCallCount(FakeComputeDriverMethod.GetAvailableResource).Should().Be(reads, "n1 is still cached");
        await _state.GetHostStatsAsync("n2");
        _driver.GetCallCount(FakeComputeDriverMethod.GetAvailableResource).Should().Be(reads + 1, "n2 was forgotten");
    }

    [Fact]
    public async Task GetAvailableNodesAsync_DriverFails_KeepsTheCache()
    {
        await _state.GetHostStatsAsync(Node);
        _driver.FailNextCall(FakeComputeDriverMethod.GetAvailableNodes, new InvalidOperationException("injected"));

        await FluentActions.Awaiting(async () => await _state.GetAvailableNodesAsync(CancellationToken.None))
            .Should().ThrowAsync<InvalidOperationException>();

        int reads = _driver.GetCallCount(FakeComputeDriverMethod.GetAvailableResource);
        await _state.GetHostStatsAsync(Node);
        _driver.GetCallCount(FakeComputeDriverMethod.GetAvailableResource).Should().Be(reads);
    }

    [Fact]
    public async Task GetNodeSnapshotAsync_Node_ReadsFreshResourcesAndTheRunningInstancesTogether()
    {
        var usage = new InstanceUsage("u-1", "guest", 2, 1024);
        _driver.SetInstanceUsage(Node, usage);
        await _state.GetHostStatsAsync(Node);
        var changed = FakeComputeDriver.CreateResources(Node) with { Vcpus = 8 };
        _driver.SetResources(Node, changed);

        var snapshot = await _state.GetNodeSnapshotAsync(Node, CancellationToken.None);

        snapshot!.Resources.Should().Be(changed);
        snapshot.Instances.Should().Equal(usage);
        (await _state.GetHostStatsAsync(Node)).Should().BeSameAs(snapshot.Resources);
    }

    [Fact]
    public async Task GetNodeSnapshotAsync_TrackingNotSupported_ReturnsNullWithoutAskingForInstances()
    {
        _driver.SetResources(Node, null);

        var snapshot = await _state.GetNodeSnapshotAsync(Node, CancellationToken.None);

        snapshot.Should().BeNull();
        _driver.GetCallCount(FakeComputeDriverMethod.GetPerInstanceUsage).Should().Be(0);
    }
}
