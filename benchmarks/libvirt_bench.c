/* C baseline for LibvirtBenchmarks on test:///default: the median nanoseconds per call of virNodeGetInfo, of
 * virConnectGetCapabilities + free, of virConnectListAllDomains + virDomainGetInfo + virDomainFree, and of the
 * whole sequence of calls one LibvirtDriver.GetAvailableResourceAsync makes (statvfs of the instances path, node
 * info, the running domains' info and vCPUs, type, version, hostname, every domain's XML and disk block info, the
 * PCI node devices). Capabilities and node memory statistics are left out of the sequence as the driver leaves
 * them out of a steady read: it parses the capabilities once, and the test driver has no memory statistics,
 * which the driver learns on its first read. libvirt-dev is not needed: the few prototypes are declared here
 * (LP64 layouts).
 * Build: gcc -O2 -o libvirt_bench_c benchmarks/libvirt_bench.c /usr/lib/x86_64-linux-gnu/libvirt.so.0
 * Usage: libvirt_bench_c [instances directory]   (default /tmp)
 * Built with -shared -fPIC -DLIBVIRT_BENCH_LIBRARY it is a library instead (no main), whose whole read
 * LibvirtBenchmarks.GetAvailableResourceC times in the same BenchmarkDotNet run as the .NET read:
 * libvirt_bench_open(uri, instances) and libvirt_bench_whole_read(conn).
 * Prints JSON: {"NodeGetInfoRaw": ns, "GetCapabilities": ns, "ListAllDomainsAndInfo": ns, "GetAvailableResource": ns}. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>

typedef struct { char model[32]; unsigned long memory; unsigned int cpus, mhz, nodes, sockets, cores, threads; } virNodeInfo;
typedef struct { unsigned char state; unsigned long maxMem, memory; unsigned short nrVirtCpu; unsigned long long cpuTime; } virDomainInfo;
typedef struct { unsigned int number; int state; unsigned long long cpuTime; int cpu; } virVcpuInfo;
typedef struct { unsigned long long capacity, allocation, physical; } virDomainBlockInfo;
void *virConnectOpenReadOnly(const char *name);
int virConnectClose(void *conn);
int virNodeGetInfo(void *conn, virNodeInfo *info);
char *virConnectGetCapabilities(void *conn);
const char *virConnectGetType(void *conn);
int virConnectGetVersion(void *conn, unsigned long *version);
char *virConnectGetHostname(void *conn);
int virConnectListAllDomains(void *conn, void ***domains, unsigned int flags);
int virDomainGetInfo(void *domain, virDomainInfo *info);
int virDomainGetVcpus(void *domain, virVcpuInfo *info, int maxinfo, unsigned char *cpumaps, int maplen);
char *virDomainGetXMLDesc(void *domain, unsigned int flags);
int virDomainGetBlockInfo(void *domain, const char *disk, virDomainBlockInfo *info, unsigned int flags);
int virDomainFree(void *domain);
int virConnectListAllNodeDevices(void *conn, void ***devices, unsigned int flags);
char *virNodeDeviceGetXMLDesc(void *device, unsigned int flags);
int virNodeDeviceFree(void *device);
void virSetErrorFunc(void *userData, void *handler);
int virInitialize(void);

static void ignore_error(void *userData, void *error) { (void)userData; (void)error; }

static const char *instances = "/tmp";

/* Every file disk's target in a domain XML, as the driver's disk parser finds them (the driver parses an XML
 * once and reuses the list while the XML stays the same; here the target is found with strstr each time). */
static long long overcommit(void *dom) {
    char *xml = virDomainGetXMLDesc(dom, 0);
    long long total = 0;
    if (!xml) return 0;
    for (char *p = strstr(xml, "<disk type='file'"); p; p = strstr(p + 1, "<disk type='file'")) {
        char *dev = strstr(p, "<target dev='");
        if (!dev) break;
        dev += 13;
        char target[64];
        size_t n = strcspn(dev, "'");
        if (n >= sizeof target) continue;
        memcpy(target, dev, n);
        target[n] = 0;
        virDomainBlockInfo block;
        if (virDomainGetBlockInfo(dom, target, &block, 0) == 0 && block.capacity > block.allocation)
            total += (long long)(block.capacity - block.allocation);
    }
    free(xml);
    return total;
}

long long libvirt_bench_whole_read(void *conn) {
    struct statvfs fs;
    statvfs(instances, &fs);
    virNodeInfo info;
    virNodeGetInfo(conn, &info);
    void **active = NULL, **inactive = NULL, **devices = NULL;
    int nactive = virConnectListAllDomains(conn, &active, 1);
    long long vcpus = 0, memory = 0, overcommitted = 0;
    for (int i = 0; i < nactive; i++) {
        virDomainInfo d;
        if (virDomainGetInfo(active[i], &d) < 0) { vcpus++; continue; }
        memory += d.memory;
        virVcpuInfo v[64];
        int n = virDomainGetVcpus(active[i], v, d.nrVirtCpu > 0 && d.nrVirtCpu <= 64 ? d.nrVirtCpu : 1, NULL, 0);
        vcpus += n < 0 ? 1 : n;
    }
    const char *type = virConnectGetType(conn);
    unsigned long version;
    virConnectGetVersion(conn, &version);
    free(virConnectGetHostname(conn));
    for (int i = 0; i < nactive; i++) overcommitted += overcommit(active[i]);
    int ninactive = virConnectListAllDomains(conn, &inactive, 2);
    for (int i = 0; i < ninactive; i++) { overcommitted += overcommit(inactive[i]); virDomainFree(inactive[i]); }
    free(inactive);
    int ndevices = virConnectListAllNodeDevices(conn, &devices, 1 << 1);
    for (int i = 0; i < ndevices; i++) { free(virNodeDeviceGetXMLDesc(devices[i], 0)); virNodeDeviceFree(devices[i]); }
    if (ndevices >= 0) free(devices);
    for (int i = 0; i < nactive; i++) virDomainFree(active[i]);
    free(active);
    return vcpus + memory + overcommitted + (long long)fs.f_blocks + info.cpus + (type ? type[0] : 0) + (long long)version;
}

void *libvirt_bench_open(const char *uri, const char *path) {
    static char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    instances = dir;
    virSetErrorFunc(NULL, ignore_error);
    return virConnectOpenReadOnly(uri);
}

#ifndef LIBVIRT_BENCH_LIBRARY
static double now_ns(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e9 + t.tv_nsec; }
static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }
static double median(double *runs) { qsort(runs, 15, sizeof runs[0], cmp); return runs[7]; }

int main(int argc, char **argv) {
    if (argc > 1) instances = argv[1];
    virSetErrorFunc(NULL, ignore_error);
    virInitialize();
    void *conn = virConnectOpenReadOnly("test:///default");
    if (!conn) return 1;
    double runs[15], nodeinfo, caps, list, whole;
    volatile long long sink = 0;
    virNodeInfo info;
    for (int r = 0; r < 15; r++) {
        double t = now_ns();
        for (int i = 0; i < 200000; i++) virNodeGetInfo(conn, &info);
        runs[r] = (now_ns() - t) / 200000;
    }
    nodeinfo = median(runs);
    for (int r = 0; r < 15; r++) {
        double t = now_ns();
        for (int i = 0; i < 2000; i++) free(virConnectGetCapabilities(conn));
        runs[r] = (now_ns() - t) / 2000;
    }
    caps = median(runs);
    for (int r = 0; r < 15; r++) {
        double t = now_ns();
        for (int i = 0; i < 5000; i++) {
            void **doms = NULL;
            int n = virConnectListAllDomains(conn, &doms, 0);
            for (int j = 0; j < n; j++) { virDomainInfo d; virDomainGetInfo(doms[j], &d); sink += d.memory; virDomainFree(doms[j]); }
            free(doms);
        }
        runs[r] = (now_ns() - t) / 5000;
    }
    list = median(runs);
    for (int r = 0; r < 15; r++) {
        double t = now_ns();
        for (int i = 0; i < 2000; i++) sink += libvirt_bench_whole_read(conn);
        runs[r] = (now_ns() - t) / 2000;
    }
    whole = median(runs);
    printf("{\"NodeGetInfoRaw\": %.1f, \"GetCapabilities\": %.1f, \"ListAllDomainsAndInfo\": %.1f, \"GetAvailableResource\": %.1f}\n",
           nodeinfo, caps, list, whole);
    virConnectClose(conn);
    return 0;
}
#endif
