using System.Globalization;

namespace Nova.Resources.Overview.Tests.Browser;

/// <summary>
/// One row of the page's hosts table, from its <c>data-*</c> attributes, and its last-audit cell: the outcome
/// (<c>ok</c>, <c>failed</c>, <c>none</c>) and the text it shows.
/// </summary>
internal sealed record HostRow(string Host, string Node, long Vcpus, long VcpusUsed, long MemoryMb, long MemoryMbUsed, long LocalGb, long LocalGbUsed, string Audit, string AuditText)
{
    public static HostRow Parse(string joined)
    {
        var f = joined.Split('|');
        long L(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
        return new HostRow(f[0], f[1], L(2), L(3), L(4), L(5), L(6), L(7), f[8], string.Join('|', f[9..]));
    }
}
