using System.IO.Compression;
using System.Xml.Linq;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Nova.Resources.Compute;
using Nova.Resources.Hosting;
using Xunit;

namespace PackageConsumer;

/// <summary>
/// Uses Nova.Resources, Nova.Resources.Libvirt and Nova.Resources.Testing the way an application does: by package reference, wired
/// through dependency injection, one audit against libvirt's in-process test driver.
/// </summary>
public sealed class PackageTests
{
    private static readonly string PackageFolder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../artifacts/packages"));

    [Fact]
    public async Task Audit_ThroughThePackages_ReportsTheTestDriversHost()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddNovaResources(options =>
            {
                options.Host = "consumer-host";
                options.MyIp = "192.0.2.10";
            })
            .AddLibvirtDriver(options =>
            {
                options.ConnectionUri = "test:///default";
                options.InstancesPath = Path.GetTempPath();
            });
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var manager = provider.GetRequiredService<ComputeResourceManager>();
        await manager.UpdateAvailableResourceAsync(CancellationToken.None);

        var node = manager.Trackers.Values.Should().ContainSingle().Subject.ComputeNode;
        node.Should().NotBeNull();
        node!.Host.Should().Be("consumer-host");
        node.HypervisorType.Should().Be("TEST");
        node.Vcpus.Should().Be(16);             // virsh -c test:///default nodeinfo: CPU(s) 16
        node.MemoryMb.Should().Be(3072);        // 3145728 KiB
        node.MemoryMbUsed.Should().Be(512 + 2048); // reserved_host_memory_mb + the untracked (orphan) domain "test"
        node.HostIp!.ToString().Should().Be("192.0.2.10");
        provider.GetRequiredService<IComputeDriver>().GetType().Name.Should().Be("LibvirtDriver");
    }

    [Fact]
    public async Task FakeDriver_FromTheTestingPackage_IsAuditedByTheManager()
    {
        var driver = new Nova.Resources.Testing.FakeComputeDriver();
        var services = new ServiceCollection();
        services.AddNovaResources(options => options.Host = "consumer-host").AddComputeDriver(driver);
        await using var provider = services.BuildServiceProvider();

        var manager = provider.GetRequiredService<ComputeResourceManager>();
        await manager.UpdateAvailableResourceAsync(CancellationToken.None);

        manager.GetTracker(Nova.Resources.Testing.FakeComputeDriver.DefaultNodeName).ComputeNode!.MemoryMb.Should().Be(800000);
        typeof(ComputeResourceManager).Assembly.GetType("Nova.Resources.Testing.FakeComputeDriver").Should().BeNull("the fake ships apart from the library");
    }

    [Theory]
    [InlineData("Nova.Resources", new[] { "Microsoft.Extensions.Options", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Hosting.Abstractions" })]
    [InlineData("Nova.Resources.Libvirt", new[] { "Nova.Resources" })]
    [InlineData("Nova.Resources.Placement", new[] { "Nova.Resources", "Microsoft.Extensions.Http", "Microsoft.Extensions.Http.Resilience" })]
    [InlineData("Nova.Resources.Testing", new[] { "Nova.Resources" })]
    public void Package_HasReadmeDocsSymbolsAndDependencies(string id, string[] dependencies)
    {
        var nupkg = Directory.GetFiles(PackageFolder, $"{id}.*.nupkg")
            .Where(p => Path.GetFileName(p)[(id.Length + 1)..].Length > 0 && char.IsDigit(Path.GetFileName(p)[id.Length + 1]))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .First();
        File.Exists(Path.ChangeExtension(nupkg, ".snupkg")).Should().BeTrue("symbols are packed beside the package");

        using var zip = ZipFile.OpenRead(nupkg);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        names.Should().Contain("README.md");
        names.Should().Contain($"lib/net10.0/{id}.dll");
        names.Should().Contain($"lib/net10.0/{id}.xml", "XML docs ship with the package");

        using var nuspecStream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var nuspec = XDocument.Load(nuspecStream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        metadata.Element(ns + "readme")!.Value.Should().Be("README.md");
        metadata.Element(ns + "license")!.Value.Should().Be("MIT");
        metadata.Element(ns + "repository")!.Attribute("url")!.Value.Should().NotBeNullOrEmpty();
        metadata.Element(ns + "description")!.Value.Should().NotBeNullOrWhiteSpace();
        var dependencyIds = metadata.Descendants(ns + "dependency").Select(d => d.Attribute("id")!.Value).ToList();
        dependencyIds.Should().Contain(dependencies);
        dependencyIds.Should().NotContain(d => d.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal), "analyzers are build-time only");
    }
}
