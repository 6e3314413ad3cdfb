using Microsoft.Extensions.DependencyInjection;
using Nova.Resources.Placement.Tests.TestSupport;

namespace Nova.Resources.Placement.Tests.Reporting;

/// <summary>The traits a report sets: COMPUTE_NODE, Nova's libvirt CPU feature traits, custom ones created first, others' kept.</summary>
[Collection(PlacementCollection.Name)]
public sealed class PlacementReporterTraitTests(PlacementFixture placement)
{
    [Fact]
    public async Task ReportAsync_CpuFeaturesAndACustomTrait_SetsTheirTraitsCreatingTheCustomOne()
    {
        string custom = "CUSTOM_NOVA_TEST_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await using var services = SyntheticNodes.Services(placement.Endpoint, o => o.AdditionalTraits.Add(custom));
        var node = SyntheticNodes.Create(features: ["avx2", "vmx", "sse4.2", "pae", "not-a-feature"]);

        await services.Reporter().ReportAsync(node);

        (await services.GetRequiredService<PlacementClient>().GetTraitsAsync(node.Uuid)).Traits.Should().BeEquivalentTo(
            "COMPUTE_NODE", "HW_CPU_X86_AVX2", "HW_CPU_X86_VMX", "HW_CPU_X86_INTEL_VMX", "HW_CPU_X86_SSE42", custom);
    }

    [Fact]
    public async Task ReportAsync_FeaturesChangedAndATraitSetByAnOperator_ReplacesTheDriversTraitsAndKeepsTheOperators()
    {
        await using var services = SyntheticNodes.Services(placement.Endpoint);
        var node = SyntheticNodes.Create(features: ["avx2", "svm"]);
        await services.Reporter().ReportAsync(node);
        using var admin = new PlacementAdmin(placement.Endpoint);
        var traits = await admin.GetAsync($"resource_providers/{node.Uuid}/traits", "1.6");
        var status = await admin.SendAsync(HttpMethod.Put, $"resource_providers/{node.Uuid}/traits", "1.6", new
        {
            traits = new[] { "COMPUTE_NODE", "HW_CPU_X86_AVX2", "HW_CPU_X86_SVM", "HW_CPU_X86_AMD_SVM", "COMPUTE_STATUS_DISABLED" },
            resource_provider_generation = (long)traits["resource_provider_generation"]!,
        });
        status.Should().Be(System.Net.HttpStatusCode.OK);

        // A new reporter (a restarted host) reads the operator's trait and keeps it.
        await using var restarted = SyntheticNodes.Services(placement.Endpoint);
        await restarted.Reporter().ReportAsync(node with { CpuInfo = node.CpuInfo! with { Features = ["avx"] } });

        (await restarted.GetRequiredService<PlacementClient>().GetTraitsAsync(node.Uuid)).Traits.Should().BeEquivalentTo(
            "COMPUTE_NODE", "HW_CPU_X86_AVX", "COMPUTE_STATUS_DISABLED");
    }
}
