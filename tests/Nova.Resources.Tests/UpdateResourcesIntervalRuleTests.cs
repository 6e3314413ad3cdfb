using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Nova.Resources.Testing;

namespace Nova.Resources.Tests;

public sealed class UpdateResourcesIntervalRuleTests
{
    private const string SixtyAsDays =
        "Value for option Nova:UpdateResourcesInterval (update_resources_interval) is not valid: Should be at most 49.17:02:47.2940000,"
        + " the longest period the audit timer takes; a plain number binds as days: for 60 seconds write 00:01:00 (value: 60.00:00:00)";

    public static TheoryData<TimeSpan> Usable =>
    [
        TimeSpan.Zero, TimeSpan.FromSeconds(-1), Timeout.InfiniteTimeSpan, TimeSpan.FromMilliseconds(1),
        TimeSpan.FromSeconds(60), TimeSpan.FromDays(30), UpdateResourcesIntervalRule.Longest,
    ];

    public static TheoryData<TimeSpan> Unusable =>
    [
        TimeSpan.FromTicks(1), TimeSpan.FromTicks(9_999), UpdateResourcesIntervalRule.Longest + TimeSpan.FromMilliseconds(1),
        TimeSpan.FromDays(60), TimeSpan.MaxValue,
    ];

    [Theory]
    [MemberData(nameof(Usable))]
    public void Check_AnIntervalTheAuditCanRunWith_IsAccepted(TimeSpan interval)
    {
        UpdateResourcesIntervalRule.Check(interval).Should().BeNull();
        if (interval > TimeSpan.Zero)
        {
            using var timer = new PeriodicTimer(interval, TimeProvider.System);
        }
    }

    [Theory]
    [MemberData(nameof(Unusable))]
    public void Check_AnIntervalThePeriodicTimerRefuses_IsRejected(TimeSpan interval)
    {
        var construct = () => new PeriodicTimer(interval, TimeProvider.System).Dispose();

        construct.Should().Throw<ArgumentOutOfRangeException>("the rule must refuse exactly what the timer refuses");
        UpdateResourcesIntervalRule.Check(interval).Should().NotBeNull().And.EndWith($"(value: {interval:c})");
    }

    [Fact]
    public void Check_TooShort_SaysWhatToWrite()
    {
        UpdateResourcesIntervalRule.Check(TimeSpan.FromTicks(5_000)).Should().Be(
            "Should be 0 (every 60 seconds), negative (no periodic audit) or at least 00:00:00.0010000;"
            + " write hours:minutes:seconds, such as 00:01:00 for a minute (value: 00:00:00.0005000)");
    }

    [Fact]
    public void Validate_SixtyBoundAsDays_NamesTheKeyTheValueAndTheFix()
    {
        var validator = new ComputeResourceOptionsValidator(new ComputeResourceOptionKeys("Nova"));

        var result = validator.Validate(Options.DefaultName, new ComputeResourceOptions { UpdateResourcesInterval = TimeSpan.FromDays(60) });

        result.Failures.Should().Equal(SixtyAsDays);
    }

    [Fact]
    public async Task HostStart_NovaStyleSixty_StopsTheHostWithTheFixNotATimerError()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = ["--Nova:UpdateResourcesInterval=60"] });
        builder.Services.AddNovaResources(builder.Configuration.GetSection("Nova")).AddComputeDriver<FakeComputeDriver>();
        using var host = builder.Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Be(SixtyAsDays);
    }

    [Fact]
    public void BareServiceProvider_NovaStyleSixty_FailsOnFirstUseWithTheFix()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Nova:UpdateResourcesInterval"] = "60" })
            .Build();
        var services = new ServiceCollection();
        services.AddNovaResources(configuration.GetSection("Nova")).AddComputeDriver<FakeComputeDriver>();
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<ComputeResourceOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Be(SixtyAsDays);
    }

    [Fact]
    public void Validate_IntervalSetInCode_NamesTheProperty()
    {
        var result = new ComputeResourceOptionsValidator().Validate(
            Options.DefaultName, new ComputeResourceOptions { UpdateResourcesInterval = TimeSpan.FromTicks(1) });

        result.Failures.Should().ContainSingle().Which.Should().StartWith(
            "Value for option UpdateResourcesInterval (update_resources_interval) is not valid: Should be 0");
    }
}
