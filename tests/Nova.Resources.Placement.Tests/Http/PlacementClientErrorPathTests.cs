using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Nova.Resources.Placement.Tests.TestSupport;

namespace Nova.Resources.Placement.Tests.Http;

/// <summary>The client's retries, headers and error mapping, over recorded Placement answers.</summary>
public sealed class PlacementClientErrorPathTests
{
    private static readonly Guid Provider = Guid.Parse("4b2b1a6e-6c1e-4d5c-9a3b-1f1f1f1f1f1f");
    private static readonly Guid Consumer = Guid.Parse("0f0e0d0c-0b0a-4909-8807-060504030201");
    private const string Usages = """{"resource_provider_generation": 3, "usages": {"VCPU": 2}}""";

    [Fact]
    public async Task GetUsagesAsync_ServiceUnavailableThenOk_RetriesAndSucceeds()
    {
        var handler = new RecordedHandler().Answer(HttpStatusCode.ServiceUnavailable, "{}").Answer(HttpStatusCode.BadGateway).Answer(HttpStatusCode.OK, Usages);
        await using var services = Create(handler);

        var usages = await Client(services).GetUsagesAsync(Provider);

        usages.Usages["VCPU"].Should().Be(2);
        handler.Sent.Should().HaveCount(3);
    }

    [Fact]
    public async Task GetUsagesAsync_AlwaysUnavailable_GivesUpAfterTheRetriesWithPlacementsAnswer()
    {
        var handler = new RecordedHandler();
        for (int i = 0; i < 4; i++)
        {
            handler.Answer(HttpStatusCode.ServiceUnavailable, RecordedHandler.Error(503, "Service Unavailable", "database is locked"));
        }

        await using var services = Create(handler);

        var act = () => Client(services).GetUsagesAsync(Provider);

        var thrown = (await act.Should().ThrowAsync<PlacementUnavailableException>()).Which;
        thrown.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        thrown.Detail.Should().Be("database is locked");
        thrown.RequestId.Should().Be("req-recorded");
        handler.Sent.Should().HaveCount(4, "one attempt and MaxRetryAttempts = 3 retries");
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task GetUsagesAsync_ClientError_IsNeverRetried(HttpStatusCode status)
    {
        var handler = new RecordedHandler().Answer(status, RecordedHandler.Error((int)status, "Refused", "No resource provider with uuid found", "placement.resource_provider.not_found"));
        await using var services = Create(handler);

        var act = () => Client(services).GetUsagesAsync(Provider);

        var thrown = (await act.Should().ThrowAsync<PlacementException>()).Which;
        thrown.Should().NotBeOfType<PlacementUnavailableException>();
        thrown.StatusCode.Should().Be(status);
        thrown.ErrorCode.Should().Be("placement.resource_provider.not_found");
        thrown.Message.Should().Contain($"GET /resource_providers/{Provider}/usages").And.Contain("No resource provider with uuid found");
        handler.Sent.Should().ContainSingle();
    }

    [Fact]
    public async Task ClaimAsync_ServerErrorOrLostAnswer_IsNotSentTwice()
    {
        var handler = new RecordedHandler().Answer(HttpStatusCode.InternalServerError, "{}");
        await using var services = Create(handler);

        var act = () => Client(services).ClaimAsync(Consumer, Schedulers.On(Provider, "VCPU", 1), "p", "u");

        (await act.Should().ThrowAsync<PlacementUnavailableException>()).Which.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        handler.Sent.Should().ContainSingle();

        var lost = new RecordedHandler().Fail(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
        await using var lostServices = Create(lost);
        var actLost = () => Client(lostServices).ClaimAsync(Consumer, Schedulers.On(Provider, "VCPU", 1), "p", "u");
        await actLost.Should().ThrowAsync<PlacementUnavailableException>();
        lost.Sent.Should().ContainSingle();
    }

    [Fact]
    public async Task GetUsagesAsync_PlacementNeverAnswers_EachAttemptTimesOutThenUnavailable()
    {
        var handler = new RecordedHandler().Hang().Hang();
        await using var services = Create(handler, configure: static o => { o.RequestTimeout = TimeSpan.FromMilliseconds(200); o.MaxRetryAttempts = 1; });

        var act = () => Client(services).GetUsagesAsync(Provider);

        var thrown = (await act.Should().ThrowAsync<PlacementUnavailableException>()).Which;
        thrown.Message.Should().Contain($"did not answer GET /resource_providers/{Provider}/usages");
        thrown.InnerException.Should().BeOfType<Polly.Timeout.TimeoutRejectedException>();
        handler.Sent.Should().HaveCount(2, "a timed-out read is retried");
    }

    [Fact]
    public async Task ClaimAsync_ConnectionRefused_IsRetriedBecauseNothingWasSent()
    {
        var handler = new RecordedHandler()
            .Fail(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused)))
            .Answer(HttpStatusCode.NoContent);
        await using var services = Create(handler);

        await Client(services).ClaimAsync(Consumer, Schedulers.On(Provider, "VCPU", 1), "p", "u");

        handler.Sent.Should().HaveCount(2);
    }

    [Fact]
    public async Task ClaimAsync_CapacityAndConsumerConflicts_AreTheirOwnExceptions()
    {
        var handler = new RecordedHandler()
            .Answer(HttpStatusCode.Conflict, RecordedHandler.Error(409, "Conflict", $"Unable to allocate inventory: Unable to create allocation for 'VCPU' on resource provider '{Provider}'. The requested amount would exceed the capacity.", "placement.undefined_code"))
            .Answer(HttpStatusCode.Conflict, RecordedHandler.Error(409, "Conflict", "consumer generation conflict - expected 1 but got None", "placement.concurrent_update"));
        await using var services = Create(handler);
        var client = Client(services);

        var capacity = () => client.ClaimAsync(Consumer, Schedulers.On(Provider, "VCPU", 1), "p", "u");
        var generation = () => client.ClaimAsync(Consumer, Schedulers.On(Provider, "VCPU", 1), "p", "u");

        (await capacity.Should().ThrowAsync<PlacementCapacityExceededException>()).Which.Detail.Should().StartWith("Unable to allocate inventory");
        (await generation.Should().ThrowAsync<PlacementConsumerConflictException>()).Which.Detail.Should().Be("consumer generation conflict - expected 1 but got None");
        handler.Sent.Should().HaveCount(2);
    }

    [Fact]
    public async Task Calls_SendNovasMicroversionsTheTokenAndJson()
    {
        var handler = new RecordedHandler()
            .Answer(HttpStatusCode.OK, """{"allocation_requests": [], "provider_summaries": {}}""")
            .Answer(HttpStatusCode.NoContent)
            .Answer(HttpStatusCode.OK, """{"allocations": {}}""")
            .Answer(HttpStatusCode.OK, Usages)
            .Answer(HttpStatusCode.OK, """{"resource_provider_generation": 3, "inventories": {}}""");
        await using var services = Create(handler);
        var client = Client(services);

        await client.GetAllocationCandidatesAsync(new() { Resources = new Dictionary<string, long> { ["VCPU"] = 2, ["MEMORY_MB"] = 2048 }, RequiredTraits = ["HW_CPU_X86_AVX2"], Limit = 5 });
        await client.ClaimAsync(Consumer, Schedulers.On(Provider, "VCPU", 2), "project", "user");
        await client.GetAllocationsAsync(Consumer);
        await client.GetUsagesAsync(Provider);
        await client.GetInventoriesAsync(Provider);

        handler.Sent.Select(static s => s.PathAndQuery).Should().Equal(
            "/placement/allocation_candidates?resources=MEMORY_MB:2048,VCPU:2&required=HW_CPU_X86_AVX2&limit=5",
            $"/placement/allocations/{Consumer}",
            $"/placement/allocations/{Consumer}",
            $"/placement/resource_providers/{Provider}/usages",
            $"/placement/resource_providers/{Provider}/inventories");
        handler.Sent.Select(static s => s.Headers.GetValueOrDefault("OpenStack-API-Version")).Should().Equal(
            "placement 1.36", "placement 1.36", "placement 1.28", "placement 1.9", null);
        handler.Sent.Should().OnlyContain(static s => s.Headers["X-Auth-Token"] == "secret-token" && s.Headers["Accept"] == "application/json");
        var claim = handler.Sent[1];
        claim.Headers["Content-Type"].Should().Be("application/json");
        claim.Body.Should().Be("""{"allocations":{"PROVIDER":{"resources":{"VCPU":2}}},"consumer_generation":null,"project_id":"project","user_id":"user"}""".Replace("PROVIDER", Provider.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calls_WithATokenProvider_SendItsToken()
    {
        var handler = new RecordedHandler().Answer(HttpStatusCode.OK, Usages);
        await using var services = Create(handler, s => s.AddSingleton<IPlacementTokenProvider>(new KeystoneLikeTokens()), token: null);

        await Client(services).GetUsagesAsync(Provider);

        handler.Sent.Single().Headers["X-Auth-Token"].Should().Be("gAAAA-keystone");
    }

    [Fact]
    public async Task GetUsagesAsync_NotPlacementsJson_NamesWhatItCouldNotRead()
    {
        var handler = new RecordedHandler().Answer(HttpStatusCode.OK, "<html>proxy</html>");
        await using var services = Create(handler);

        var act = () => Client(services).GetUsagesAsync(Provider);

        (await act.Should().ThrowAsync<PlacementException>()).Which.Message.Should().Contain("with JSON this client cannot read");
    }

    private static PlacementClient Client(IServiceProvider services) => services.GetRequiredService<PlacementClient>();

    private static ServiceProvider Create(RecordedHandler handler, Action<IServiceCollection>? more = null, string? token = "secret-token", Action<PlacementOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        more?.Invoke(services);
        services.AddPlacementClient(options =>
        {
            options.Endpoint = new Uri("http://placement.test/placement");
            options.Token = token;
            options.RetryDelay = TimeSpan.Zero;
            configure?.Invoke(options);
        }).ConfigurePrimaryHttpMessageHandler(() => handler);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private sealed class KeystoneLikeTokens : IPlacementTokenProvider
    {
        public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult("gAAAA-keystone");
    }
}
