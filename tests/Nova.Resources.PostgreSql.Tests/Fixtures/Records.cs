using System.Net;
using Nova.Resources.Compute;
using Nova.Resources.Tracking;

namespace Nova.Resources.PostgreSql.Tests.Fixtures;

/// <summary>Compute-node records with every field set, to prove what survives the database.</summary>
public static class Records
{
    public static readonly DateTimeOffset Created = new(2026, 12, 1, 12, 0, 0, 123, TimeSpan.Zero);

    public static ComputeNode Full(string host = "compute-1", string node = "node-1") => new()
    {
        Uuid = Guid.Parse("6f2b1c2e-4d4e-4a57-9a0c-2f1e3d4c5b6a"),
        Host = host,
        HypervisorHostname = node,
        HypervisorType = "QEMU",
        HypervisorVersion = 8002002,
        Vcpus = 64,
        VcpusUsed = 9,
        MemoryMb = 257_000,
        MemoryMbUsed = 12_800,
        LocalGb = 3_500,
        LocalGbUsed = 120,
        RunningVms = 3,
        CurrentWorkload = 1,
        CpuAllocationRatio = 16.0,
        RamAllocationRatio = 1.5,
        DiskAllocationRatio = 1.0,
        HostIp = IPAddress.Parse("192.0.2.17"),
        CpuInfo = new CpuInfo
        {
            Arch = "x86_64",
            Model = "Icelake-Server",
            Vendor = "Intel",
            Topology = new CpuTopology(Cells: 2, Sockets: 2, Cores: 16, Threads: 2),
            Features = ["avx512f", "pdpe1gb", "x2apic", "naïve-quote\"\\"],
        },
        DiskAvailableLeast = 3_100,
        SupportedInstances = [new("x86_64", "kvm", "hvm"), new("i686", "qemu", "hvm")],
        NumaTopology = new NumaTopology(
        [
            new NumaCell
            {
                Id = 0,
                Cpus = CpuSet.Parse("0-7,16-23"),
                PCpus = CpuSet.Parse("8-15"),
                MemoryMb = 128_000,
                Siblings = [CpuSet.Parse("0,16"), CpuSet.Parse("1,17")],
                PageSizes = [new NumaPageSize(4, 32_768_000, 100), new NumaPageSize(2048, 1024, 8)],
            },
            new NumaCell { Id = 1, Cpus = CpuSet.Parse("24-31"), MemoryMb = 129_000 },
        ]),
        Stats = new Dictionary<string, long>
        {
            ["num_instances"] = 3,
            ["num_vm_active"] = 2,
            ["num_vm_building"] = 1,
            ["num_task_None"] = 2,
            ["num_task_spawning"] = 1,
            ["num_os_type_linux"] = 3,
            ["num_proj_abc"] = 3,
            ["io_workload"] = 1,
        },
        Inventory = new Dictionary<string, InventoryRecord>
        {
            [ResourceClasses.Vcpu] = new(64, 0, 1, 64, 1, 16.0),
            [ResourceClasses.MemoryMb] = new(257_000, 512, 1, 257_000, 1, 1.5),
            [ResourceClasses.DiskGb] = new(3_500, 0, 1, 3_500, 1, 1.0),
        },
        CreatedAt = Created,
        UpdatedAt = Created.AddMinutes(1),
    };

    /// <summary>A record with every optional field empty or unknown.</summary>
    public static ComputeNode Bare(string host = "compute-2", string node = "node-2") => new()
    {
        Host = host,
        HypervisorHostname = node,
        Vcpus = 1,
        MemoryMb = 512,
        LocalGb = 1,
        CreatedAt = Created,
    };
}
