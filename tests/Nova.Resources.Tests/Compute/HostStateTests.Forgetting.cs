using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Nova.Resources.Compute;
using Nova.Resources.Testing;

namespace Nova.Resources.Tests.Compute;

/// <summary>Forgetting nodes, failures and argument checks.</summary>
public sealed partial class HostStateTests
{
    [Fact]
    public async Task RemoveNode_Cached_ForgetsItAndTheNextCallReadsAgain()
    {
        var state = Create();
        await state.GetHostStatsAsync(Node);

        state.RemoveNode(Node).Should().BeTrue();
        state.RemoveNode(Node).Should().BeFalse();
        await state.GetHostStatsAsync(Node);

        Calls().Should().Be(2);
    }

    [Fact]
    public async Task GetHostStatsAsync_ReadFails_LogsTheFailure()
    {
        var state = Create();
        _driver.FailNextCall(Read, new InvalidOperationException("boom"));

        await state.Invoking(s => s.GetHostStatsAsync(Node).AsTask()).Should().ThrowAsync<InvalidOperationException>();

        var record = _logger.Collector.GetSnapshot().Single(r => r.Id.Id == 203);
        record.Level.Should().Be(LogLevel.Debug);
        record.Message.Should().Contain(Node);
        record.Exception.Should().BeOfType<InvalidOperationException>();
    }

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        var options = Options.Create(new ComputeResourceOptions());

        FluentActions.Invoking(() => new HostState(null!, options, _time)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new HostState(_driver, null!, _time)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new HostState(_driver, options, null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new HostState(_driver, options, _time, logger: null)).Should().NotThrow();
    }

    [Fact]
    public async Task GetHostStatsAsync_NullNode_ThrowsArgumentNullException()
    {
        var act = async () => await Create().GetHostStatsAsync(null!);

        await act.Should().ThrowAsync<ArgumentNullException>();
    }
}
