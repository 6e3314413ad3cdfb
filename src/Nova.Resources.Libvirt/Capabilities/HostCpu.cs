namespace Nova.Resources.Libvirt.Capabilities;

/// <summary>The host CPU of the capabilities XML.</summary>
/// <param name="Arch">The <c>arch</c> text.</param>
/// <param name="Model">The <c>model</c> text (absent on the test driver).</param>
/// <param name="Vendor">The <c>vendor</c> text.</param>
/// <param name="Sockets">The <c>topology/@sockets</c> value, when there is a topology.</param>
/// <param name="Cores">The <c>topology/@cores</c> value.</param>
/// <param name="Threads">The <c>topology/@threads</c> value.</param>
/// <param name="Features">The <c>feature/@name</c> values not disabled, in document order, without duplicates.</param>
internal sealed record HostCpu(
    string? Arch,
    string? Model,
    string? Vendor,
    int? Sockets,
    int? Cores,
    int? Threads,
    IReadOnlyList<string> Features);
