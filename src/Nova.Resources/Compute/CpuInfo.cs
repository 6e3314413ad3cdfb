using System.Text;
using System.Text.Json;

namespace Nova.Resources.Compute;

/// <summary>The host CPU description Nova stores as the compute node's <c>cpu_info</c> JSON.</summary>
/// <remarks>
/// An immutable value: <see cref="Features"/> is copied when set, and two descriptions are equal when every
/// member, including the features in order, is equal. <see cref="ToNovaJson"/> gives the JSON text Nova
/// stores; <see cref="FromNovaJson"/> reads it back.
/// </remarks>
public sealed record CpuInfo
{
    /// <summary>Gets the host architecture, such as <c>x86_64</c>.</summary>
    public string? Arch { get; init; }

    /// <summary>Gets the CPU model, such as <c>Nehalem</c>; <see langword="null"/> when the hypervisor does not say.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the CPU vendor, such as <c>Intel</c>.</summary>
    public string? Vendor { get; init; }

    /// <summary>Gets the topology, when known.</summary>
    public CpuTopology? Topology { get; init; }

    /// <summary>Gets the CPU feature names, in the order given.</summary>
    /// <exception cref="ArgumentNullException">The value set is null.</exception>
    /// <exception cref="ArgumentException">The value set contains a null name.</exception>
    public IReadOnlyList<string> Features { get; init => field = ValueLists.Freeze(value, nameof(Features)); } = [];

    /// <summary>
    /// Returns the <c>cpu_info</c> JSON text Nova stores, with the libvirt driver's key order
    /// (<c>arch, model, vendor, topology{cells, sockets, cores, threads}, features</c>) and Python's
    /// <c>json.dumps</c> formatting, for example
    /// <c>{"arch": "x86_64", "model": "Nehalem", "vendor": "Intel", "topology": {"sockets": 4, "cores": 1, "threads": 1}, "features": ["pge", "clflush"]}</c>,
    /// or for a host CPU without a libvirt <c>topology</c> element
    /// <c>{"arch": "i686", "model": null, "vendor": null, "topology": {"cells": 2, "sockets": null, "cores": null, "threads": null}, "features": []}</c>.
    /// Nova 29 and later add <c>maxphysaddr</c> for hosts that report it; this type follows Zed (26) and has no such key.
    /// </summary>
    /// <returns>The JSON text. A <see langword="null"/> <see cref="Topology"/> is left out, as is a
    /// <see langword="null"/> <see cref="CpuTopology.Cells"/>; every other <see langword="null"/> value
    /// (strings, sockets, cores, threads) is written as <c>null</c>.</returns>
    public string ToNovaJson()
    {
        var builder = new StringBuilder(128);
        bool first = true;
        builder.Append('{');
        NovaJson.WriteKey(builder, "arch", ref first);
        NovaJson.WriteString(builder, Arch);
        NovaJson.WriteKey(builder, "model", ref first);
        NovaJson.WriteString(builder, Model);
        NovaJson.WriteKey(builder, "vendor", ref first);
        NovaJson.WriteString(builder, Vendor);
        if (Topology is { } topology)
        {
            NovaJson.WriteKey(builder, "topology", ref first);
            bool firstInner = true;
            builder.Append('{');
            if (topology.Cells is { } cells)
            {
                NovaJson.WriteKey(builder, "cells", ref firstInner);
                NovaJson.WriteInt(builder, cells);
            }

            NovaJson.WriteKey(builder, "sockets", ref firstInner);
            NovaJson.WriteInt(builder, topology.Sockets);
            NovaJson.WriteKey(builder, "cores", ref firstInner);
            NovaJson.WriteInt(builder, topology.Cores);
            NovaJson.WriteKey(builder, "threads", ref firstInner);
            NovaJson.WriteInt(builder, topology.Threads);
            builder.Append('}');
        }

        NovaJson.WriteKey(builder, "features", ref first);
        builder.Append('[');
        for (int i = 0; i < Features.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            NovaJson.WriteString(builder, Features[i]);
        }

        builder.Append("]}");
        return builder.ToString();
    }

    /// <summary>
    /// Reads a <c>cpu_info</c> JSON text as Nova stores it (any key order; unknown keys such as
    /// <c>maxphysaddr</c> are ignored; a <c>null</c> or missing topology value is read as <see langword="null"/>).
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The CPU description.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not JSON or does not have the shape of <c>cpu_info</c>.</exception>
    public static CpuInfo FromNovaJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"cpu_info must be a JSON object, not {root.ValueKind}.");
            }

            var info = new CpuInfo();
            foreach (var property in root.EnumerateObject())
            {
                info = property.Name switch
                {
                    "arch" => info with { Arch = ReadString(property) },
                    "model" => info with { Model = ReadString(property) },
                    "vendor" => info with { Vendor = ReadString(property) },
                    "topology" => info with { Topology = ReadTopology(property) },
                    "features" => info with { Features = ReadFeatures(property) },
                    _ => info,
                };
            }

            return info;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new FormatException($"cpu_info is not valid: {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public bool Equals(CpuInfo? other)
        => other is not null
            && string.Equals(Arch, other.Arch, StringComparison.Ordinal)
            && string.Equals(Model, other.Model, StringComparison.Ordinal)
            && string.Equals(Vendor, other.Vendor, StringComparison.Ordinal)
            && Topology == other.Topology
            && ValueLists.ContentEquals(Features, other.Features);

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(Arch, Model, Vendor, Topology, ValueLists.ContentHash(Features));

    private static string? ReadString(JsonProperty property)
        => property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.GetString();

    private static CpuTopology? ReadTopology(JsonProperty property)
    {
        if (property.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        int? cells = null, sockets = null, cores = null, threads = null;
        foreach (var item in property.Value.EnumerateObject())
        {
            switch (item.Name)
            {
                case "cells":
                    cells = ReadInt(item);
                    break;
                case "sockets":
                    sockets = ReadInt(item);
                    break;
                case "cores":
                    cores = ReadInt(item);
                    break;
                case "threads":
                    threads = ReadInt(item);
                    break;
                default:
                    break;
            }
        }

        return new CpuTopology(cells, sockets, cores, threads);
    }

    private static int? ReadInt(JsonProperty property)
        => property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.GetInt32();

    private static List<string> ReadFeatures(JsonProperty property)
    {
        var features = new List<string>(property.Value.GetArrayLength());
        foreach (var item in property.Value.EnumerateArray())
        {
            features.Add(item.GetString() ?? throw new FormatException("cpu_info features must be strings."));
        }

        return features;
    }
}
