using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nova.Resources.Tracking;

namespace Nova.Resources.Overview.Tests.Support;

/// <summary>The overview app on Kestrel, 127.0.0.1 and a free port, over a store the test chooses.</summary>
internal sealed class OverviewServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OverviewServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<OverviewServer> StartAsync(
        IComputeNodeStore store,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton(store);
        configure?.Invoke(builder.Services);
        builder.Services.AddOverview(builder.Configuration);
        var app = builder.Build();
        app.MapOverview();
        await app.StartAsync();
        string address = app.Urls.First();
        return new OverviewServer(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
