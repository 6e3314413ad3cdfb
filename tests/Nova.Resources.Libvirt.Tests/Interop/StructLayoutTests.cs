using System.Runtime.InteropServices;
using Nova.Resources.Libvirt.Interop;

namespace Nova.Resources.Libvirt.Tests.Interop;

/// <summary>The layouts verified against libvirt's C headers on Linux x86-64 (see the libvirt reference).</summary>
public sealed unsafe class StructLayoutTests
{
    [Fact]
    public void Sizes_MatchLibvirtAbi()
    {
        sizeof(VirNodeInfo).Should().Be(64);
        sizeof(VirDomainInfo).Should().Be(40);
        sizeof(VirVcpuInfo).Should().Be(24);
        sizeof(VirError).Should().Be(80);
        sizeof(VirNodeMemoryStats).Should().Be(88);
        sizeof(VirDomainBlockInfo).Should().Be(24);
        sizeof(StatVfs).Should().Be(112);
    }

    [Theory]
    [InlineData(nameof(VirNodeInfo.Memory), 32)]
    [InlineData(nameof(VirNodeInfo.Cpus), 40)]
    [InlineData(nameof(VirNodeInfo.Threads), 60)]
    public void NodeInfoOffsets_MatchLibvirtAbi(string field, int offset)
    {
        Marshal.OffsetOf<VirNodeInfo>(field).Should().Be(offset);
    }

    [Theory]
    [InlineData(nameof(VirDomainInfo.MaxMem), 8)]
    [InlineData(nameof(VirDomainInfo.Memory), 16)]
    [InlineData(nameof(VirDomainInfo.NrVirtCpu), 24)]
    [InlineData(nameof(VirDomainInfo.CpuTime), 32)]
    public void DomainInfoOffsets_MatchLibvirtAbi(string field, int offset)
    {
        Marshal.OffsetOf<VirDomainInfo>(field).Should().Be(offset);
    }

    [Theory]
    [InlineData(nameof(VirError.Message), 8)]
    [InlineData(nameof(VirError.Level), 16)]
    [InlineData(nameof(VirError.Str1), 40)]
    [InlineData(nameof(VirError.Int1), 64)]
    [InlineData(nameof(VirError.Net), 72)]
    public void ErrorOffsets_MatchLibvirtAbi(string field, int offset)
    {
        Marshal.OffsetOf<VirError>(field).Should().Be(offset);
    }

    [Fact]
    public void StatvfsOffsets_MatchGlibc()
    {
        Marshal.OffsetOf<StatVfs>(nameof(StatVfs.FragmentSize)).Should().Be(8);
        Marshal.OffsetOf<StatVfs>(nameof(StatVfs.BlocksAvailable)).Should().Be(32);
        Marshal.OffsetOf<StatVfs>(nameof(StatVfs.NameMax)).Should().Be(80);
    }
}
