/* C baseline for LibvirtBenchmarks: the median nanoseconds per call of virNodeGetInfo, and of
 * virConnectGetCapabilities + free, on test:///default. libvirt-dev is not needed: the few prototypes
 * are declared here (LP64 layout of virNodeInfo).
 * Build: gcc -O2 -o libvirt_bench_c benchmarks/libvirt_bench.c /usr/lib/x86_64-linux-gnu/libvirt.so.0
 * Prints JSON: {"NodeGetInfoRaw": ns, "GetCapabilities": ns}. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct { char model[32]; unsigned long memory; unsigned int cpus, mhz, nodes, sockets, cores, threads; } virNodeInfo;
void *virConnectOpenReadOnly(const char *name);
int virConnectClose(void *conn);
int virNodeGetInfo(void *conn, virNodeInfo *info);
char *virConnectGetCapabilities(void *conn);
int virInitialize(void);

static double now_ns(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e9 + t.tv_nsec; }
static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }

int main(void) {
    virInitialize();
    void *conn = virConnectOpenReadOnly("test:///default");
    if (!conn) return 1;
    double runs[15];
    virNodeInfo info;
    for (int r = 0; r < 15; r++) {
        double t = now_ns();
        for (int i = 0; i < 200000; i++) virNodeGetInfo(conn, &info);
        runs[r] = (now_ns() - t) / 200000;
    }
    qsort(runs, 15, sizeof runs[0], cmp);
    double nodeinfo = runs[7];
    for (int r = 0; r < 15; r++) {
        double t = now_ns();
        for (int i = 0; i < 2000; i++) free(virConnectGetCapabilities(conn));
        runs[r] = (now_ns() - t) / 2000;
    }
    qsort(runs, 15, sizeof runs[0], cmp);
    printf("{\"NodeGetInfoRaw\": %.1f, \"GetCapabilities\": %.1f}\n", nodeinfo, runs[7]);
    virConnectClose(conn);
    return 0;
}
