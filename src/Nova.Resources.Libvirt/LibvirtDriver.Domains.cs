using Microsoft.Extensions.Logging;
using Nova.Resources.Compute;
using Nova.Resources.Libvirt.Interop;

namespace Nova.Resources.Libvirt;

/// <summary>The domains' part of a read: what running domains use, and what their file disks may still grow.</summary>
public sealed partial class LibvirtDriver
{
    private static void DisposeAll(LibvirtDomain[] domains)
    {
        foreach (var domain in domains)
        {
            domain.Dispose();
        }
    }

    private InstanceUsage[] ReadInstances(CancellationToken cancellationToken)
    {
        var active = _connection.ListAllDomains(LibvirtNative.ListDomainsActive);
        try
        {
            var usage = new InstanceUsage[active.Length];
            for (int i = 0; i < active.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var domain = active[i];
                try
                {
                    var info = domain.GetInfo();
                    usage[i] = new InstanceUsage(domain.GetUuid(), domain.GetName(), info.Vcpus, (long)(info.MemoryKib / 1024));
                }
                catch (LibvirtException e)
                {
                    _connection.ReportFailure(domain.Generation, e);
                    throw;
                }
            }

            Array.Sort(usage, static (a, b) => string.CompareOrdinal(a.Uuid, b.Uuid));
            return usage;
        }
        finally
        {
            DisposeAll(active);
        }
    }

    /// <summary>Adds a running domain's vCPUs (1 when libvirt cannot list them, as Nova) and memory.</summary>
    private void UseDomain(LibvirtDomain domain, ref int vcpusUsed, ref ulong memoryKib)
    {
        DomainInfo info;
        try
        {
            info = domain.GetInfo();
        }
        catch (LibvirtException e)
        {
            _connection.ReportFailure(domain.Generation, e);
            string uuid = SafeUuid(domain);
            Log.DomainMemoryUnavailable(_logger, uuid, e.Message);
            Log.VcpusUnavailable(_logger, uuid, e.Message);
            vcpusUsed += 1;
            return;
        }

        memoryKib += info.MemoryKib;
        try
        {
            vcpusUsed += domain.GetVcpuCount(info.Vcpus);
        }
        catch (LibvirtException e)
        {
            _connection.ReportFailure(domain.Generation, e);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                string uuid = SafeUuid(domain);
                Log.VcpusUnavailable(_logger, uuid, e.Message);
            }

            vcpusUsed += 1;
        }
    }

    /// <summary>
    /// What a domain's file disks may still grow (capacity − allocation). The disk list of a domain XML comes
    /// from <paramref name="disks"/>, which parses an XML only when it changed since the last read.
    /// </summary>
    private long OvercommittedBytes(LibvirtDomain domain, DomainDiskCache.Read disks)
    {
        try
        {
            var fileDisks = domain.ReadXml(disks, static (xml, cache) => cache.FileDisks(xml));
            long total = 0;
            foreach (var (target, _, _) in fileDisks)
            {
                var block = domain.GetBlockInfo(target);
                if (block.Capacity > block.Allocation)
                {
                    total += (long)(block.Capacity - block.Allocation);
                }
            }

            return total;
        }
        catch (Exception e) when (e is LibvirtException or System.Xml.XmlException)
        {
            if (e is LibvirtException error)
            {
                _connection.ReportFailure(domain.Generation, error);
            }

            string uuid = SafeUuid(domain);
            Log.DiskInfoUnavailable(_logger, uuid, e.Message);
            return 0;
        }
    }

    private static string SafeUuid(LibvirtDomain domain)
    {
        try
        {
            return domain.GetUuid();
        }
        catch (LibvirtException)
        {
            return "(unknown)";
        }
    }
}
