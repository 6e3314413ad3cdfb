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
}
