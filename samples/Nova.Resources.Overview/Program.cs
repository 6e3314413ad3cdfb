using Nova.Resources.Overview;

// nova-overview: the cluster overview page over the shared compute-node store (PostgreSql:ConnectionString) and,
// when Placement:Endpoint is set, Placement's allocations. Serves on 127.0.0.1 (--urls to choose the port).
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
