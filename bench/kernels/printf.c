// bench-group: wasi
// printf-heavy output to stdout: integer, hex, string, fixed and exponent formatting (musl's float formatting
// uses long double, which is soft-float on wasm32), first fully buffered (one fd_write per 1 KiB buffer),
// then flushed after every line (one fd_write per line, the way a chatty logger writes).
// The harness compares a hash of the whole output with the native run's. Argument: lines (default 400000).
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long lines = argc > 1 ? atol(argv[1]) : 400000;
    static const char *const words[] = {"sensor", "gateway", "valve", "pump", "relay", "meter", "camera", "door"};
    unsigned x = 2463534242u;
    unsigned long long total = 0;
    for (long i = 0; i < lines; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        double reading = (double)(x % 100000) / 37.0 - 1000.0;
        int n = printf("%6ld %-8s id=%08x level=%5d temp=%.3f rate=%.4e %s\n", i, words[x & 7], x,
                       (int)(x >> 20) - 2048, reading, reading * 1e-3 + 1e-9, (x & 64) ? "ok" : "alarm");
        if (n < 0) return 1;
        total += (unsigned long long)n;
    }
    fflush(stdout);
    long flushed = lines / 8;
    for (long i = 0; i < flushed; i++) {
        int n = printf("flush %ld %u\n", i, (unsigned)i * 2654435761u);
        if (n < 0) return 1;
        total += (unsigned long long)n;
        fflush(stdout);
    }
    printf("printf: %ld + %ld lines, %llu bytes\n", lines, flushed, total);
    return 0;
}
