using Nova.Resources.Placement.Reporting;

namespace Nova.Resources.Placement.Tests.Reporting;

public sealed class CpuTraitsTests
{
    [Theory]
    [InlineData("aes", "HW_CPU_X86_AESNI")]
    [InlineData("pclmuldq", "HW_CPU_X86_CLMUL")]
    [InlineData("fma", "HW_CPU_X86_FMA3")]
    [InlineData("sha-ni", "HW_CPU_X86_SHA")]
    [InlineData("sse4.1", "HW_CPU_X86_SSE41")]
    [InlineData("vaes", "HW_CPU_X86_AVX512VAES")]
    [InlineData("avx512-vpopcntdq", "HW_CPU_X86_AVX512VPOPCNTDQ")]
    [InlineData("bmi1", "HW_CPU_X86_BMI")]
    public void AddFromFeatures_NovasMapping_GivesTheOsTraitsName(string feature, string trait)
    {
        var traits = new HashSet<string>();

        CpuTraits.AddFromFeatures([feature], traits);

        traits.Should().Equal(trait);
    }

    [Fact]
    public void AddFromFeatures_SvmAndVmx_GiveTheGenericAndTheVendorTrait()
    {
        var traits = new HashSet<string>();

        CpuTraits.AddFromFeatures(["svm", "vmx"], traits);

        traits.Should().BeEquivalentTo("HW_CPU_X86_SVM", "HW_CPU_X86_AMD_SVM", "HW_CPU_X86_VMX", "HW_CPU_X86_INTEL_VMX");
    }

    [Fact]
    public void AddFromFeatures_UnmappedOrDifferentlyCased_AddsNothing()
    {
        var traits = new HashSet<string>();

        CpuTraits.AddFromFeatures(["pae", "nonpae", "AVX2", "lm", ""], traits);

        traits.Should().BeEmpty();
    }

    [Fact]
    public void All_HasEveryTraitOfNovasMapping()
    {
        // nova.virt.libvirt.utils.CPU_TRAITS_MAPPING: 41 features, two of them with two traits.
        CpuTraits.All.Should().HaveCount(43).And.OnlyContain(static t => t.StartsWith("HW_CPU_X86_", StringComparison.Ordinal));
    }
}
