using System.Globalization;
using System.Text;

namespace Nova.Resources.Compute;

/// <summary>
/// Nova's <c>ResourceTracker._verify_resources</c>: rejects resources that lack a required value, and also
/// those with a negative total or usage, naming every offending key.
/// </summary>
internal static class HostResourcesVerifier
{
    /// <summary>Checks <paramref name="resources"/>; returns when it can be tracked.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="resources"/> is null.</exception>
    /// <exception cref="InvalidHostResourcesException">A required value is missing or a value is negative.</exception>
    public static void Verify(HostResources resources)
    {
        ArgumentNullException.ThrowIfNull(resources);

        // Nova's key order: vcpus, memory_mb, local_gb, cpu_info, vcpus_used, memory_mb_used, local_gb_used,
        // numa_topology. cpu_info and numa_topology may be null (Nova defaults them to '' and None).
        Span<(string Key, long? Value)> values =
        [
            ("vcpus", resources.Vcpus),
            ("memory_mb", resources.MemoryMb),
            ("local_gb", resources.LocalGb),
            ("vcpus_used", resources.VcpusUsed),
            ("memory_mb_used", resources.MemoryMbUsed),
            ("local_gb_used", resources.LocalGbUsed),
        ];

        List<string>? missing = null;
        List<(string Key, long Value)>? negative = null;
        foreach (var (key, value) in values)
        {
            if (value is null)
            {
                (missing ??= []).Add(key);
            }
            else if (value < 0)
            {
                (negative ??= []).Add((key, value.Value));
            }
        }

        if (missing is null && negative is null)
        {
            return;
        }

        var message = new StringBuilder("Invalid input received: ");
        if (missing is not null)
        {
            message.Append("Missing keys: [");
            for (int i = 0; i < missing.Count; i++)
            {
                message.Append(i == 0 ? "'" : ", '").Append(missing[i]).Append('\'');
            }

            message.Append(']');
        }

        if (negative is not null)
        {
            message.Append(missing is null ? "Negative values: {" : "; Negative values: {");
            for (int i = 0; i < negative.Count; i++)
            {
                message.Append(i == 0 ? "'" : ", '").Append(negative[i].Key).Append("': ")
                    .Append(negative[i].Value.ToString(CultureInfo.InvariantCulture));
            }

            message.Append('}');
        }

        throw new InvalidHostResourcesException(
            message.ToString(),
            missing is null ? [] : missing.AsReadOnly(),
            negative is null ? [] : negative.ConvertAll(n => n.Key).AsReadOnly());
    }
}
