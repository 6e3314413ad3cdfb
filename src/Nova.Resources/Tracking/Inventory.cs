namespace Nova.Resources.Tracking;

/// <summary>
/// The inventory Nova's libvirt <c>update_provider_tree</c> reports, as a pure function: each class only when its total
/// is positive; reserved disk rounded up to whole GiB; PCPU from <see cref="ComputeResourceOptions.CpuDedicatedSet"/> with
/// ratio 1.
/// </summary>
internal static class Inventory
{
    /// <summary>Builds the inventory; returns <paramref name="existing"/> itself when nothing changed.</summary>
    /// <param name="vcpus">The node's vCPUs.</param>
    /// <param name="memoryMb">The node's memory.</param>
    /// <param name="diskGb">The node's local disk.</param>
    /// <param name="options">The audit's options.</param>
    /// <param name="existing">The previous record's inventory, or <see langword="null"/>.</param>
    /// <returns>The inventory.</returns>
    public static IReadOnlyDictionary<string, InventoryRecord> Build(long vcpus, long memoryMb, long diskGb, ComputeResourceOptions options, IReadOnlyDictionary<string, InventoryRecord>? existing)
    {
        long pcpus = PinSetOption.Parse(options.CpuDedicatedSet, PinSetOption.CpuDedicatedSet)?.Count ?? 0;
        long reservedDiskGb = (options.ReservedHostDiskMb + 1023L) / 1024;
        double cpuRatio = Ratio(options.CpuAllocationRatio, existing, ResourceClasses.Vcpu, options.InitialCpuAllocationRatio);
        double ramRatio = Ratio(options.RamAllocationRatio, existing, ResourceClasses.MemoryMb, options.InitialRamAllocationRatio);
        double diskRatio = Ratio(options.DiskAllocationRatio, existing, ResourceClasses.DiskGb, options.InitialDiskAllocationRatio);

        if (existing is not null
            && Matches(existing, ResourceClasses.Vcpu, vcpus, options.ReservedHostCpus, cpuRatio)
            && Matches(existing, ResourceClasses.Pcpu, pcpus, 0, 1.0)
            && Matches(existing, ResourceClasses.MemoryMb, memoryMb, options.ReservedHostMemoryMb, ramRatio)
            && Matches(existing, ResourceClasses.DiskGb, diskGb, reservedDiskGb, diskRatio)
            && existing.Count == (vcpus > 0 ? 1 : 0) + (pcpus > 0 ? 1 : 0) + (memoryMb > 0 ? 1 : 0) + (diskGb > 0 ? 1 : 0))
        {
            return existing;
        }

        var inventory = new Dictionary<string, InventoryRecord>(4, StringComparer.Ordinal);
        Add(ResourceClasses.MemoryMb, memoryMb, options.ReservedHostMemoryMb, ramRatio);
        Add(ResourceClasses.Vcpu, vcpus, options.ReservedHostCpus, cpuRatio);
        Add(ResourceClasses.Pcpu, pcpus, 0, 1.0);
        Add(ResourceClasses.DiskGb, diskGb, reservedDiskGb, diskRatio);
        return inventory.AsReadOnly();

        void Add(string resourceClass, long total, long reserved, double ratio)
        {
            if (total > 0)
            {
                inventory.Add(resourceClass, new InventoryRecord(total, reserved, MinUnit: 1, MaxUnit: total, StepSize: 1, ratio));
            }
        }
    }

    /// <summary>
    /// The driver's <c>_get_allocation_ratios</c>: the configured ratio when set and not zero, else the inventory's
    /// current ratio for the class, else the initial ratio.
    /// </summary>
    public static double Ratio(double? configured, IReadOnlyDictionary<string, InventoryRecord>? existing, string resourceClass, double initial)
        => configured is { } value && value != 0
            ? value
            : existing is not null && existing.TryGetValue(resourceClass, out var record) ? record.AllocationRatio : initial;

    private static bool Matches(IReadOnlyDictionary<string, InventoryRecord> existing, string resourceClass, long total, long reserved, double ratio)
        => total <= 0
            || (existing.TryGetValue(resourceClass, out var record)
                && record.Total == total
                && record.Reserved == reserved
                && record.MinUnit == 1
                && record.MaxUnit == total
                && record.StepSize == 1
                && record.AllocationRatio.Equals(ratio));
}
