namespace Nova.Resources.Overview;

/// <summary>
/// nova-overview: the cluster overview page over the shared compute-node store (<c>PostgreSql:ConnectionString</c>) and,
/// when <c>Placement:Endpoint</c> is set, Placement's allocations. Serves on 127.0.0.1 (<c>--urls</c> to choose the port).
/// </summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        // appsettings.json is read from beside the program, whatever the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        }

        builder.Services.AddOverviewStore(builder.Configuration);
        builder.Services.AddOverview(builder.Configuration);

        var app = builder.Build();
        app.MapOverview();
        await app.RunAsync().ConfigureAwait(false);
    }
}
