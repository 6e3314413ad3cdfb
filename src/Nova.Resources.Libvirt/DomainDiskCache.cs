using System.Text;
using Nova.Resources.Libvirt.Capabilities;

namespace Nova.Resources.Libvirt;

/// <summary>
/// The file disks of each domain XML seen by the last read, keyed by the XML's UTF-8 bytes as libvirt returns
/// them: a steady host neither decodes nor parses a domain XML again. Each read collects the lists it used and
/// replaces the cache with them, which drops departed domains.
/// </summary>
internal sealed class DomainDiskCache
{
    private Dictionary<byte[], List<(string Target, string Path, string? Format)>> _known = new(ByteArrayComparer.Instance);

    /// <summary>Starts one read's collection.</summary>
    /// <returns>The read's view of the cache.</returns>
    public Read Begin() => new(this, Volatile.Read(ref _known));

    /// <summary>One read: looks the XML up in the cache of the last read, collects what it used.</summary>
    internal sealed class Read(DomainDiskCache cache, Dictionary<byte[], List<(string Target, string Path, string? Format)>> known)
    {
        private readonly Dictionary<byte[], List<(string Target, string Path, string? Format)>> _seen = new(ByteArrayComparer.Instance);

        /// <summary>The file disks of a domain XML: the cached list, or the XML decoded and parsed.</summary>
        /// <exception cref="System.Xml.XmlException">The XML is not well formed.</exception>
        public List<(string Target, string Path, string? Format)> FileDisks(ReadOnlySpan<byte> xml)
        {
            if (_seen.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(xml, out var seen))
            {
                return seen;
            }

            if (!known.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(xml, out byte[]? key, out var disks))
            {
                key = xml.ToArray();
                disks = DomainDiskParser.FileDisks(Encoding.UTF8.GetString(xml));
            }

            _seen[key] = disks;
            return disks;
        }

        /// <summary>Makes this read's lists the cache.</summary>
        public void Complete() => Volatile.Write(ref cache._known, _seen);
    }

    /// <summary>Compares byte arrays by content, and looks them up by a span of bytes.</summary>
    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static ByteArrayComparer Instance { get; } = new();

        public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode(obj.AsSpan());

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = default(HashCode);
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
