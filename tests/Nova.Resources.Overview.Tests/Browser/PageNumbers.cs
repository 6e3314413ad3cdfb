using System.Globalization;
using OpenQA.Selenium;

namespace Nova.Resources.Overview.Tests.Browser;

/// <summary>The numbers the page shows, read from its DOM: each total's <c>data-value</c> and every host row's.</summary>
internal sealed record PageNumbers(
    int Count,
    long Vcpus,
    long VcpusUsed,
    long MemoryMb,
    long MemoryMbUsed,
    long LocalGb,
    long LocalGbUsed,
    long FreeRamMb,
    long FreeDiskGb,
    IReadOnlyList<HostRow> Rows)
{
    public static PageNumbers? Read(IWebDriver driver)
    {
        // One script, so the numbers come from one rendering, never half of one update and half of the next.
        var values = (IReadOnlyDictionary<string, object>)((IJavaScriptExecutor)driver).ExecuteScript("""
            const v = (id) => document.getElementById(id)?.dataset.value ?? null;
            return {
              count: v('host-count'), vcpus: v('vcpus-total'), vcpusUsed: v('vcpus-used'),
              memory: v('memory-total'), memoryUsed: v('memory-used'), disk: v('disk-total'), diskUsed: v('disk-used'),
              memoryFree: v('memory-free'), diskFree: v('disk-free'),
              rows: [...document.querySelectorAll('#host-rows tr')].map((r) => [r.dataset.host, r.dataset.node,
                r.dataset.vcpus, r.dataset.vcpusUsed, r.dataset.memoryMb, r.dataset.memoryMbUsed, r.dataset.localGb, r.dataset.localGbUsed,
                r.querySelector('td.audit')?.dataset.outcome ?? '', r.querySelector('td.audit .outcome')?.textContent ?? ''].join('|')),
            };
            """)!;
        if (values["vcpus"] is null)
        {
            return null;
        }

        var rows = ((IReadOnlyCollection<object>)values["rows"]).Select(r => HostRow.Parse((string)r)).ToList();
        return new PageNumbers(
            (int)Long(values["count"]),
            Long(values["vcpus"]),
            Long(values["vcpusUsed"]),
            Long(values["memory"]),
            Long(values["memoryUsed"]),
            Long(values["disk"]),
            Long(values["diskUsed"]),
            Long(values["memoryFree"]),
            Long(values["diskFree"]),
            rows);
    }

    public override string ToString()
        => $"{Count} hosts, {Vcpus} vCPUs ({VcpusUsed} used), {MemoryMb} MiB ({MemoryMbUsed} used), {LocalGb} GiB ({LocalGbUsed} used); rows: {string.Join(", ", Rows.Select(r => r.Host))}";

    private static long Long(object? value) => long.Parse((string)value!, CultureInfo.InvariantCulture);
}
