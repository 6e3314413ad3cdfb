using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Nova.Resources.Hosting;
using Nova.Resources.Testing;

namespace Nova.Resources.Overview.Tests.Fleet;

/// <summary>One in-process compute host: its own container with the fake driver at its size, the shared PostgreSQL store and Placement.</summary>
internal sealed class SimulatedHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SimulatedHost(HostSize size, ServiceProvider services)
    {
        Size = size;
        _services = services;
        Manager = services.GetRequiredService<ComputeResourceManager>();
    }

    public HostSize Size { get; }

    public ComputeResourceManager Manager { get; }

    public static SimulatedHost Create(HostSize size, string storeConnectionString, Uri placement)
    {
        var driver = new FakeComputeDriver();
        driver.SetNodes(size.Host);
        driver.SetResources(size.Host, FakeComputeDriver.CreateResources(size.Host) with
        {
            Vcpus = size.Vcpus,
            MemoryMb = size.MemoryMb,
            LocalGb = size.LocalGb,
            DiskAvailableLeast = size.LocalGb,
        });

        // Two hundred containers share one server: each keeps at most two connections, and none idle for long.
        string connectionString = new NpgsqlConnectionStringBuilder(storeConnectionString)
        {
            MaxPoolSize = 2,
            ConnectionIdleLifetime = 2,
            ConnectionPruningInterval = 1,
        }.ConnectionString;
        var services = new ServiceCollection();
        services.AddNovaResources(o =>
            {
                o.Host = size.Host;
                o.MyIp = "192.0.2.10";
            })
            .AddComputeDriver(driver)
            .AddPostgreSqlStore(connectionString)
            .AddPlacement(o =>
            {
                o.Endpoint = placement;
                o.Token = "admin";
                // placement-api (wsgiref) answers HTTP/1.0 and closes every connection.
                o.KeepAlive = false;
            });
        return new SimulatedHost(size, services.BuildServiceProvider());
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
