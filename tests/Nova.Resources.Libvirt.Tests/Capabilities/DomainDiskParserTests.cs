using Nova.Resources.Libvirt.Capabilities;

namespace Nova.Resources.Libvirt.Tests.Capabilities;

public sealed class DomainDiskParserTests
{
    [Fact]
    public void FileDisks_MixedDevices_ReturnsOnlyLocalFileDisks()
    {
        const string xml = """
            <domain type='kvm'>
              <devices>
                <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/var/lib/nova/instances/x/disk'/><target dev='vda' bus='virtio'/></disk>
                <disk type='file' device='cdrom'><source file='/tmp/config.iso'/><target dev='hda'/></disk>
                <disk type='block' device='disk'><source dev='/dev/sdb'/><target dev='vdb'/></disk>
                <disk type='network' device='disk'><source protocol='rbd' name='vms/x'/><target dev='vdc'/></disk>
                <disk type='file' device='disk'><target dev='vdd'/></disk>
              </devices>
            </domain>
            """;

        DomainDiskParser.FileDisks(xml).Should().Equal(("vda", "/var/lib/nova/instances/x/disk", "qcow2"));
    }

    [Fact]
    public void FileDisks_NestedElementsAndEmptyDisks_KeepsTheirOwnAttributes()
    {
        const string xml = """
            <domain type='kvm'>
              <name>x</name>
              <devices>
                <disk type='file' device='disk'/>
                <disk type='file'>
                  <source file='/a'><seclabel model='dac' relabel='no'/></source>
                  <backingStore type='file'><format type='raw'/><source file='/base'/></backingStore>
                  <target dev='vdb'/>
                </disk>
                <interface type='network'><source network='default'/><target dev='vnet0'/></interface>
              </devices>
            </domain>
            """;

        DomainDiskParser.FileDisks(xml).Should().Equal(("vdb", "/a", null));
    }

    [Fact]
    public void FileDisks_NoDisks_ReturnsEmpty()
    {
        DomainDiskParser.FileDisks("<domain><devices><interface type='network'/></devices></domain>").Should().BeEmpty();
    }
}
