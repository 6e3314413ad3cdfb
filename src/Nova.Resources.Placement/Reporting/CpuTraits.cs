using System.Collections.Frozen;

namespace Nova.Resources.Placement.Reporting;

/// <summary>
/// The CPU feature traits Nova's libvirt driver reports (<c>nova.virt.libvirt.utils.CPU_TRAITS_MAPPING</c> and
/// <c>cpu_features_to_traits</c>): each libvirt feature name maps to one os-traits <c>HW_CPU_X86_*</c> trait, or two for
/// <c>svm</c> and <c>vmx</c>. Every trait of the mapping is the driver's: absent from the host's features, it is removed
/// from the provider.
/// </summary>
internal static class CpuTraits
{
    private static readonly FrozenDictionary<string, string[]> Mapping = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["3dnow"] = ["HW_CPU_X86_3DNOW"],
        ["abm"] = ["HW_CPU_X86_ABM"],
        ["aes"] = ["HW_CPU_X86_AESNI"],
        ["avx"] = ["HW_CPU_X86_AVX"],
        ["avx2"] = ["HW_CPU_X86_AVX2"],
        ["avx512bw"] = ["HW_CPU_X86_AVX512BW"],
        ["avx512cd"] = ["HW_CPU_X86_AVX512CD"],
        ["avx512dq"] = ["HW_CPU_X86_AVX512DQ"],
        ["avx512er"] = ["HW_CPU_X86_AVX512ER"],
        ["avx512f"] = ["HW_CPU_X86_AVX512F"],
        ["avx512pf"] = ["HW_CPU_X86_AVX512PF"],
        ["avx512vl"] = ["HW_CPU_X86_AVX512VL"],
        ["avx512vnni"] = ["HW_CPU_X86_AVX512VNNI"],
        ["avx512vbmi"] = ["HW_CPU_X86_AVX512VBMI"],
        ["avx512ifma"] = ["HW_CPU_X86_AVX512IFMA"],
        ["avx512vbmi2"] = ["HW_CPU_X86_AVX512VBMI2"],
        ["avx512bitalg"] = ["HW_CPU_X86_AVX512BITALG"],
        ["vaes"] = ["HW_CPU_X86_AVX512VAES"],
        ["gfni"] = ["HW_CPU_X86_AVX512GFNI"],
        ["vpclmulqdq"] = ["HW_CPU_X86_AVX512VPCLMULQDQ"],
        ["avx512-vpopcntdq"] = ["HW_CPU_X86_AVX512VPOPCNTDQ"],
        ["bmi1"] = ["HW_CPU_X86_BMI"],
        ["bmi2"] = ["HW_CPU_X86_BMI2"],
        ["pclmuldq"] = ["HW_CPU_X86_CLMUL"],
        ["f16c"] = ["HW_CPU_X86_F16C"],
        ["fma"] = ["HW_CPU_X86_FMA3"],
        ["fma4"] = ["HW_CPU_X86_FMA4"],
        ["mmx"] = ["HW_CPU_X86_MMX"],
        ["mpx"] = ["HW_CPU_X86_MPX"],
        ["sha-ni"] = ["HW_CPU_X86_SHA"],
        ["sse"] = ["HW_CPU_X86_SSE"],
        ["sse2"] = ["HW_CPU_X86_SSE2"],
        ["sse3"] = ["HW_CPU_X86_SSE3"],
        ["sse4.1"] = ["HW_CPU_X86_SSE41"],
        ["sse4.2"] = ["HW_CPU_X86_SSE42"],
        ["sse4a"] = ["HW_CPU_X86_SSE4A"],
        ["ssse3"] = ["HW_CPU_X86_SSSE3"],
        ["svm"] = ["HW_CPU_X86_SVM", "HW_CPU_X86_AMD_SVM"],
        ["tbm"] = ["HW_CPU_X86_TBM"],
        ["vmx"] = ["HW_CPU_X86_VMX", "HW_CPU_X86_INTEL_VMX"],
        ["xop"] = ["HW_CPU_X86_XOP"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Gets every trait the mapping can set: the ones the driver owns on its provider.</summary>
    public static FrozenSet<string> All { get; } = Mapping.Values.SelectMany(static t => t).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Adds the traits of <paramref name="features"/> (libvirt's lower-case names) to <paramref name="traits"/>.</summary>
    public static void AddFromFeatures(IEnumerable<string> features, ISet<string> traits)
    {
        foreach (var feature in features)
        {
            if (Mapping.TryGetValue(feature, out var mapped))
            {
                foreach (var trait in mapped)
                {
                    traits.Add(trait);
                }
            }
        }
    }
}
