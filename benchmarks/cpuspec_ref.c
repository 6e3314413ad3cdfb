/*
 * A plain C implementation of Nova's CPU set grammar (nova.virt.hardware.parse_cpu_spec and
 * format_cpu_spec), restricted as CpuSet.Parse documents (ASCII digits and whitespace, ids up to
 * 65535), timed on the six specs of CpuSetParseBenchmarks. compare-parser.sh builds it with the
 * system compiler (cc -O2) and puts its times beside .NET's and Nova's in the same run.
 *
 * It is written the way a C programmer would write it in an afternoon, without SIMD: one scalar scan per
 * rule (to its comma, noting the first dash), Python-int()-like number reading, word-at-a-time ranges
 * into a bitmap on the stack, and the result (or the formatted string) malloc'd and freed per call, like
 * the .NET result's allocation.
 *
 * Usage: cpuspec_ref [--json]     (best per-call time in ns over 50 repeats, like nova_parse_bench.py)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_CPU 65535
#define MAX_WORDS ((MAX_CPU >> 6) + 1)

typedef struct {
    uint64_t *words; /* trimmed to the highest id; NULL when empty */
    int nwords;
} cpuset;

static int is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* Python's int() over ASCII: surrounding whitespace, an optional sign, one or more digits.
 * Values above MAX_CPU saturate at MAX_CPU + 1. Returns 0 when int() would raise. */
static int read_int(const char *s, const char *e, int allow_minus, long *value) {
    while (s < e && is_space(*s)) s++;
    while (e > s && is_space(e[-1])) e--;
    int negative = 0;
    if (s < e && (*s == '+' || (allow_minus && *s == '-'))) negative = *s++ == '-';
    if (s == e) return 0;
    long v = 0;
    for (; s < e; s++) {
        if (*s < '0' || *s > '9') return 0;
        if (v <= MAX_CPU) v = v * 10 + (*s - '0');
    }
    if (v > MAX_CPU) v = MAX_CPU + 1;
    *value = negative ? -v : v;
    return 1;
}

static void set_range(uint64_t *w, int first, int last) {
    int fw = first >> 6, lw = last >> 6;
    uint64_t fm = ~0ULL << (first & 63), lm = ~0ULL >> (63 - (last & 63));
    if (fw == lw) { w[fw] |= fm & lm; return; }
    w[fw] |= fm;
    for (int i = fw + 1; i < lw; i++) w[i] = ~0ULL;
    w[lw] |= lm;
}

/* Grows the zeroed part of two scratch bitmaps to cover word `word`. */
static void reserve(uint64_t *inc, uint64_t *exc, int *used, int word) {
    if (word >= *used) {
        memset(inc + *used, 0, (size_t)(word + 1 - *used) * 8);
        memset(exc + *used, 0, (size_t)(word + 1 - *used) * 8);
        *used = word + 1;
    }
}

/* Returns 0 and fills *out, or -1 for an invalid spec (the first failing rule at *bad). */
static int parse_cpu_spec(const char *spec, size_t len, cpuset *out, size_t *bad) {
    uint64_t inc[MAX_WORDS], exc[MAX_WORDS];
    int used = 0;
    const char *p = spec, *end = spec + len;
    while (p <= end) {
        /* One scan to the rule's end, noting its first dash. */
        const char *rs = p, *re = p, *dash = NULL;
        while (re < end && *re != ',') {
            if (*re == '-' && !dash) dash = re;
            re++;
        }
        p = re + 1;
        while (rs < re && is_space(*rs)) rs++;
        while (re > rs && is_space(re[-1])) re--;
        if (rs == re) continue;
        int reject = *rs == '^';
        long first, last;
        if (dash) {
            if (!read_int(rs + reject, dash, 0, &first) || !read_int(dash + 1, re, 1, &last) || first > last) goto invalid;
        } else {
            if (!read_int(rs + reject, re, 0, &first)) goto invalid;
            last = first;
        }
        if (last > MAX_CPU) goto invalid;
        reserve(inc, exc, &used, (int)(last >> 6));
        set_range(reject ? exc : inc, (int)first, (int)last);
        continue;
    invalid:
        *bad = (size_t)(rs - spec);
        return -1;
    }
    int n = used;
    for (int i = 0; i < used; i++) inc[i] &= ~exc[i];
    while (n > 0 && inc[n - 1] == 0) n--;
    out->nwords = n;
    out->words = n ? malloc((size_t)n * 8) : NULL;
    if (n) memcpy(out->words, inc, (size_t)n * 8);
    return 0;
}

static int write_int(char *d, int v) {
    char tmp[8];
    int n = 0;
    do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    for (int i = 0; i < n; i++) d[i] = tmp[n - 1 - i];
    return n;
}

/* Index of the first set (bit = 1) or clear (bit = 0) id at or after `from`; `max` when none. */
static int next_bit(const cpuset *set, int from, int bit) {
    int max = set->nwords * 64;
    while (from < max) {
        uint64_t w = set->words[from >> 6];
        if (!bit) w = ~w;
        w &= ~0ULL << (from & 63);
        if (w) return (from & ~63) + __builtin_ctzll(w);
        from = (from & ~63) + 64;
    }
    return max;
}

/* format_cpu_spec(cpus, allow_ranges=True): ascending runs as A-B, singles as N, joined by ','. */
static char *format_cpu_spec(const cpuset *set) {
    int count = 0;
    for (int i = 0; i < set->nwords; i++) count += __builtin_popcountll(set->words[i]);
    char *d = malloc((size_t)count * 6 + 1), *o = d;
    int max = set->nwords * 64;
    for (int i = next_bit(set, 0, 1); i < max; i = next_bit(set, i, 1)) {
        int j = next_bit(set, i, 0) - 1;
        if (o != d) *o++ = ',';
        o += write_int(o, i);
        if (j > i) { *o++ = '-'; o += write_int(o, j); }
        i = j + 1;
    }
    *o = 0;
    return d;
}

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static volatile uint64_t sink;

/* Many short repeats (about 10 ms each), the best kept: see nova_parse_bench.py. */
#define REPEATS 50

/* Best per-call time over REPEATS repeats of a loop of about 10 ms. */
static double time_parse(const char *spec, size_t len) {
    long n = 1;
    for (;;) {
        double t = now_ns();
        for (long i = 0; i < n; i++) { cpuset s; size_t bad; parse_cpu_spec(spec, len, &s, &bad); sink += s.nwords; free(s.words); }
        if (now_ns() - t > 1e7) break;
        n *= 2;
    }
    double best = 1e30;
    for (int r = 0; r < REPEATS; r++) {
        double t = now_ns();
        for (long i = 0; i < n; i++) { cpuset s; size_t bad; parse_cpu_spec(spec, len, &s, &bad); sink += s.nwords; free(s.words); }
        double per = (now_ns() - t) / n;
        if (per < best) best = per;
    }
    return best;
}

static double time_format(const cpuset *set) {
    long n = 1;
    for (;;) {
        double t = now_ns();
        for (long i = 0; i < n; i++) { char *s = format_cpu_spec(set); sink += (uint8_t)s[0]; free(s); }
        if (now_ns() - t > 1e7) break;
        n *= 2;
    }
    double best = 1e30;
    for (int r = 0; r < REPEATS; r++) {
        double t = now_ns();
        for (long i = 0; i < n; i++) { char *s = format_cpu_spec(set); sink += (uint8_t)s[0]; free(s); }
        double per = (now_ns() - t) / n;
        if (per < best) best = per;
    }
    return best;
}

int main(int argc, char **argv) {
    int json = argc > 1 && strcmp(argv[1], "--json") == 0;
    static char evens[4096], excl[8192];
    char *o = evens;
    for (int i = 0; i < 512; i++) o += sprintf(o, i ? ",%d" : "%d", i * 2);
    o = excl + sprintf(excl, "0-1023");
    for (int i = 0; i < 512; i++) o += sprintf(o, ",^%d", i * 2 + 1);
    const char *names[] = {"0-3", "1-4,^3,6", "0-127,^64-71", "0-1023", "0,2,...,1022", "0-1023,^1,...,^1023"};
    const char *specs[] = {"0-3", "1-4,^3,6", "0-127,^64-71", "0-1023", evens, excl};
    /* Round trip: format(parse(spec)) must give Nova's output for each spec. */
    const char *expected[] = {"0-3", "1-2,4,6", "0-63,72-127", "0-1023", evens, evens};
    if (json) printf("{\n");
    for (int k = 0; k < 6; k++) {
        cpuset set;
        size_t bad;
        if (parse_cpu_spec(specs[k], strlen(specs[k]), &set, &bad) != 0) { fprintf(stderr, "%s: invalid at %zu\n", names[k], bad); return 1; }
        char *text = format_cpu_spec(&set);
        if (strcmp(text, expected[k]) != 0) { fprintf(stderr, "%s: formatted as %.60s\n", names[k], text); return 1; }
        free(text);
        double p = time_parse(specs[k], strlen(specs[k])), f = time_format(&set);
        if (json) printf(" \"%s\": {\"parse_ns\": %.2f, \"format_ns\": %.2f}%s\n", names[k], p, f, k < 5 ? "," : "");
        else printf("%-24s %10.1f %10.1f\n", names[k], p, f);
        free(set.words);
    }
    if (json) printf("}\n");
    return 0;
}
