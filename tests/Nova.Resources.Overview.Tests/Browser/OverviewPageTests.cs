using Nova.Resources.Overview.Tests.Support;
using OpenQA.Selenium;

namespace Nova.Resources.Overview.Tests.Browser;

/// <summary>
/// The page in headless Chromium over the real scene: PostgreSQL, simulated hosts as separate agent processes, the
/// overview app. Every wait polls the DOM with a generous timeout; nothing is timed.
/// </summary>
public class OverviewPageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    // Host, vCPUs, memory (MiB), disk (GiB), instances (2 vCPUs, 4096 MiB, 20 GiB each).
    private static readonly (string Host, int Vcpus, long MemoryMb, long LocalGb, int Instances)[] Fleet =
    [
        ("compute-1", 8, 16384, 200, 1),
        ("compute-2", 32, 131072, 1000, 4),
        ("compute-3", 64, 262144, 2000, 8),
    ];

    [Fact]
    public async Task Page_HostJoinsThenLeaves_TotalsEqualTheSumOverTheHostsAndFollowWithoutReload()
    {
        await using var scene = await Scene.StartAsync("browser");
        foreach (var (host, vcpus, memoryMb, localGb, instances) in Fleet)
        {
            scene.StartAgent(host, vcpus, memoryMb, localGb, instances);
        }

        var address = await scene.StartOverviewAsync(Patience);
        using var chromium = Chromium.Start();
        chromium.Driver.Navigate().GoToUrl(address);
        // A reload would drop this; it must still be there at the end.
        ((IJavaScriptExecutor)chromium.Driver).ExecuteScript("window.novaTestMarker = 'same page';");

        int busyVcpus = Fleet.Sum(h => h.Instances * 2);
        var three = await chromium.WaitForAsync(
            PageNumbers.Read,
            n => n.Count == 3 && n.VcpusUsed == busyVcpus && n.Rows.All(r => r.Audit == "ok"),
            Patience,
            "three hosts with their instances booted and an audit recorded");
        ShouldBeTheSumOfItsRows(three);
        three.Vcpus.Should().Be(Fleet.Sum(h => h.Vcpus));
        three.MemoryMb.Should().Be(Fleet.Sum(h => h.MemoryMb));
        three.LocalGb.Should().Be(Fleet.Sum(h => h.LocalGb));
        three.MemoryMbUsed.Should().Be(Fleet.Sum(h => 512 + (h.Instances * 4096L)), "each host reserves 512 MiB and each instance takes 4096");
        three.Rows.Select(r => r.Host).Should().Equal("compute-1", "compute-2", "compute-3");
        three.Rows.Should().AllSatisfy(r => r.AuditText.Should().MatchRegex(@"^audited \d+ s ago · ok$", "each agent audits every 2 s and records it"));
        var statistics = await scene.Store.GetStatisticsAsync();
        (three.Count, three.Vcpus, three.VcpusUsed, three.MemoryMb, three.MemoryMbUsed, three.LocalGb, three.LocalGbUsed)
            .Should().Be((statistics.Count, statistics.Vcpus, statistics.VcpusUsed, statistics.MemoryMb, statistics.MemoryMbUsed, statistics.LocalGb, statistics.LocalGbUsed),
                "the page shows what the store's own statistics say");
        SaveScreenshot(chromium);

        scene.StartAgent("compute-4", 16, 65536, 500, instances: 2);
        var four = await chromium.WaitForAsync(
            PageNumbers.Read, n => n.Count == 4 && n.VcpusUsed == busyVcpus + 4, Patience, "the joining host on the open page");
        ShouldBeTheSumOfItsRows(four);
        four.Vcpus.Should().Be(three.Vcpus + 16);
        four.MemoryMb.Should().Be(three.MemoryMb + 65536);
        four.LocalGb.Should().Be(three.LocalGb + 500);
        four.MemoryMbUsed.Should().Be(three.MemoryMbUsed + 512 + 8192);
        four.Rows.Should().Contain(r => r.Host == "compute-4" && r.Vcpus == 16 && r.VcpusUsed == 4);

        await scene.StopAgentAsync("compute-4");
        (await scene.Store.GetByHostAsync("compute-4")).Should().BeEmpty("the departing host's last audit deletes its record");
        var back = await chromium.WaitForAsync(PageNumbers.Read, n => n.Count == 3, Patience, "the departed host gone from the open page");
        ShouldBeTheSumOfItsRows(back);
        back.Rows.Should().NotContain(r => r.Host == "compute-4");
        (back.Vcpus, back.VcpusUsed, back.MemoryMb, back.MemoryMbUsed, back.LocalGb, back.LocalGbUsed)
            .Should().Be((three.Vcpus, three.VcpusUsed, three.MemoryMb, three.MemoryMbUsed, three.LocalGb, three.LocalGbUsed));
        ((IJavaScriptExecutor)chromium.Driver).ExecuteScript("return window.novaTestMarker;").Should().Be("same page", "the page updated itself, never reloaded");
    }

    private static void ShouldBeTheSumOfItsRows(PageNumbers page)
    {
        page.Rows.Should().HaveCount(page.Count);
        page.Vcpus.Should().Be(page.Rows.Sum(r => r.Vcpus));
        page.VcpusUsed.Should().Be(page.Rows.Sum(r => r.VcpusUsed));
        page.MemoryMb.Should().Be(page.Rows.Sum(r => r.MemoryMb));
        page.MemoryMbUsed.Should().Be(page.Rows.Sum(r => r.MemoryMbUsed));
        page.LocalGb.Should().Be(page.Rows.Sum(r => r.LocalGb));
        page.LocalGbUsed.Should().Be(page.Rows.Sum(r => r.LocalGbUsed));
        page.FreeRamMb.Should().Be(page.MemoryMb - page.MemoryMbUsed);
        page.FreeDiskGb.Should().Be(page.LocalGb - page.LocalGbUsed);
    }

    /// <summary>The README shows the page as this test sees it.</summary>
    private static void SaveScreenshot(Chromium chromium)
    {
        string path = Repository.Path("docs", "overview.png");
        chromium.Driver.GetScreenshot().SaveAsFile(path);
        new FileInfo(path).Length.Should().BeGreaterThan(10_000);
    }
}
