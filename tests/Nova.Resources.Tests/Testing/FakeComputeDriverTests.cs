using Nova.Resources.Compute;
using Nova.Resources.Testing;

namespace Nova.Resources.Tests.Testing;

public sealed class FakeComputeDriverTests
{
    private readonly FakeComputeDriver _driver = new();

    [Fact]
    public async Task GetAvailableNodesAsync_New_ReturnsFakeMini()
    {
        (await _driver.GetAvailableNodesAsync()).Should().Equal("fake-mini");
    }

    [Fact]
    public async Task GetAvailableResourceAsync_ManagedNode_ReturnsNovaFakeDriverNumbers()
    {
        var resources = await _driver.GetAvailableResourceAsync("fake-mini");

        resources.Should().NotBeNull();
        resources!.Vcpus.Should().Be(1000);
        resources.MemoryMb.Should().Be(800000);
        resources.LocalGb.Should().Be(600000);
        resources.VcpusUsed.Should().Be(0);
        resources.MemoryMbUsed.Should().Be(0);
        resources.LocalGbUsed.Should().Be(0);
        resources.HypervisorType.Should().Be("fake");
        resources.HypervisorVersion.Should().Be(1000);
        resources.HypervisorHostname.Should().Be("fake-mini");
        resources.DiskAvailableLeast.Should().Be(0);
        resources.SupportedInstances.Should().Equal(new SupportedInstance("x86_64", "fake", "hvm"));
        resources.NumaTopology.Should().BeNull();
        resources.PciPassthroughDevices.Should().BeEmpty();
        resources.HostIp.Should().BeNull();
        resources.CpuInfo.Should().Be(CpuInfo.FromNovaJson(
            "{\"arch\": \"x86_64\", \"model\": \"Nehalem\", \"vendor\": \"Intel\", \"features\": [\"pge\", \"clflush\"], \"topology\": {\"cores\": 1, \"threads\": 1, \"sockets\": 4}}"));
        resources.Verify();
    }

    [Fact]
    public async Task GetAvailableResourceAsync_UnmanagedNode_ReturnsNull()
    {
        (await _driver.GetAvailableResourceAsync("other")).Should().BeNull();
    }

    [Fact]
    public async Task SetNodes_Names_ManagesExactlyThose()
    {
        _driver.SetNodes("node1", "node2");

        (await _driver.GetAvailableNodesAsync()).Should().Equal("node1", "node2");
        (await _driver.GetAvailableResourceAsync("node2"))!.HypervisorHostname.Should().Be("node2");
        (await _driver.GetAvailableResourceAsync("fake-mini")).Should().BeNull();

        _driver.SetNodes();
        (await _driver.GetAvailableNodesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task SetNodes_ArrayChangedAfterwards_KeepsItsCopy()
    {
        string[] nodes = ["node1"];
        _driver.SetNodes(nodes);

        nodes[0] = "changed";

        (await _driver.GetAvailableNodesAsync()).Should().Equal("node1");
    }

    [Fact]
    public async Task SetResources_Value_IsReportedUntilReset()
    {
        var custom = FakeComputeDriver.CreateResources("fake-mini") with { Vcpus = 4 };
        _driver.SetResources("fake-mini", custom);

        (await _driver.GetAvailableResourceAsync("fake-mini")).Should().BeSameAs(custom);

        _driver.ResetResources("fake-mini");
        (await _driver.GetAvailableResourceAsync("fake-mini"))!.Vcpus.Should().Be(1000);
    }

    [Fact]
    public async Task SetResources_Null_ReportsNoTracking()
    {
        _driver.SetResources("fake-mini", null);

        (await _driver.GetAvailableResourceAsync("fake-mini")).Should().BeNull();
    }

    [Fact]
    public async Task SetInstanceUsage_Instances_AreReportedForThatNodeOnly()
    {
        var usage = new InstanceUsage("0f5d6e3c-8f0e-4d8b-9a59-5d3c1c3b9a01", "instance-00000001", 2, 2048);
        _driver.SetInstanceUsage("fake-mini", usage);

        (await _driver.GetPerInstanceUsageAsync("fake-mini")).Should().Equal(usage);
        (await _driver.GetPerInstanceUsageAsync("other")).Should().BeEmpty();
    }

    [Theory]
    [InlineData(FakeComputeDriverMethod.GetAvailableNodes)]
    [InlineData(FakeComputeDriverMethod.GetAvailableResource)]
    [InlineData(FakeComputeDriverMethod.GetPerInstanceUsage)]
    public async Task FailNextCall_Method_FailsOnlyTheNextCallOfThatMethod(FakeComputeDriverMethod method)
    {
        var failure = new InvalidOperationException("boom");
        _driver.FailNextCall(method, failure);

        foreach (var other in Enum.GetValues<FakeComputeDriverMethod>().Where(m => m != method))
        {
            await Call(other);
        }

        (await FluentActions.Awaiting(() => Call(method)).Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(failure);
        await Call(method);
        _driver.GetCallCount(method).Should().Be(2);
    }

    [Fact]
    public async Task FailNextCall_Twice_FailsTheNextTwoCallsInOrder()
    {
        _driver.FailNextCall(FakeComputeDriverMethod.GetAvailableNodes, new TimeoutException());
        _driver.FailNextCall(FakeComputeDriverMethod.GetAvailableNodes, new InvalidOperationException());

        await FluentActions.Awaiting(() => _driver.GetAvailableNodesAsync().AsTask()).Should().ThrowAsync<TimeoutException>();
        await FluentActions.Awaiting(() => _driver.GetAvailableNodesAsync().AsTask()).Should().ThrowAsync<InvalidOperationException>();
        (await _driver.GetAvailableNodesAsync()).Should().Equal("fake-mini");
    }

    [Fact]
    public async Task HangNextCall_Released_CompletesTheCall()
    {
        var arrived = _driver.HangNextCall(FakeComputeDriverMethod.GetAvailableResource);
        var call = _driver.GetAvailableResourceAsync("fake-mini").AsTask();
        await arrived;
        call.IsCompleted.Should().BeFalse();

        _driver.ReleaseHungCalls();

        (await call)!.Vcpus.Should().Be(1000);
        (await _driver.GetAvailableResourceAsync("fake-mini")).Should().NotBeNull("only the next call hangs");
    }

    [Fact]
    public async Task HangNextCall_CallerCancels_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        var arrived = _driver.HangNextCall(FakeComputeDriverMethod.GetAvailableNodes);
        var call = _driver.GetAvailableNodesAsync(cancellation.Token).AsTask();
        await arrived;

        await cancellation.CancelAsync();

        await call.Invoking(c => c).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task HangNextCall_WithFailure_FailsAfterTheRelease()
    {
        var arrived = _driver.HangNextCall(FakeComputeDriverMethod.GetAvailableResource);
        _driver.FailNextCall(FakeComputeDriverMethod.GetAvailableResource, new TimeoutException());
        var call = _driver.GetAvailableResourceAsync("fake-mini").AsTask();
        await arrived;

        _driver.ReleaseHungCalls();

        await call.Invoking(c => c).Should().ThrowAsync<TimeoutException>();
    }

    [Fact]
    public async Task ReleaseHungCalls_HangNotReached_CancelsItsTaskAndDropsIt()
    {
        var arrived = _driver.HangNextCall(FakeComputeDriverMethod.GetAvailableNodes);

        _driver.ReleaseHungCalls();

        await arrived.Invoking(a => a).Should().ThrowAsync<TaskCanceledException>();
        (await _driver.GetAvailableNodesAsync()).Should().Equal("fake-mini");
    }

    [Fact]
    public async Task GetCallCount_ConcurrentCalls_CountsEveryCall()
    {
        await Parallel.ForAsync(0, 200, async (i, ct) =>
        {
            await _driver.GetAvailableResourceAsync(i % 2 == 0 ? "fake-mini" : "x", ct);
            await _driver.GetAvailableNodesAsync(ct);
        });

        _driver.GetCallCount(FakeComputeDriverMethod.GetAvailableResource).Should().Be(200);
        _driver.GetCallCount(FakeComputeDriverMethod.GetAvailableNodes).Should().Be(200);
        _driver.GetCallCount(FakeComputeDriverMethod.GetPerInstanceUsage).Should().Be(0);

        _driver.ResetCallCounts();
        _driver.GetCallCount(FakeComputeDriverMethod.GetAvailableResource).Should().Be(0);
    }

    [Fact]
    public void GetCallCount_UndefinedMethod_ThrowsArgumentOutOfRange()
    {
        var act = () => _driver.GetCallCount((FakeComputeDriverMethod)42);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task Calls_TokenAlreadyCancelled_AreCountedAndCancelled()
    {
        var act = () => _driver.GetAvailableNodesAsync(new CancellationToken(canceled: true)).AsTask();

        await act.Should().ThrowAsync<OperationCanceledException>();
        _driver.GetCallCount(FakeComputeDriverMethod.GetAvailableNodes).Should().Be(1);
    }

    private async Task Call(FakeComputeDriverMethod method)
    {
        switch (method)
        {
            case FakeComputeDriverMethod.GetAvailableNodes:
                await _driver.GetAvailableNodesAsync();
                break;
            case FakeComputeDriverMethod.GetAvailableResource:
                await _driver.GetAvailableResourceAsync("fake-mini");
                break;
            default:
                await _driver.GetPerInstanceUsageAsync("fake-mini");
                break;
        }
    }
}
