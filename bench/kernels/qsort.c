// Sorting pseudo-random 32-bit keys with a hand-written quicksort, repeated: branches, swaps, recursion.
// Argument: element count (default 3000000).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void sort(uint32_t *a, long lo, long hi) {
    while (hi - lo > 16) {
        uint32_t pivot = a[lo + (hi - lo) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) { uint32_t t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { sort(a, lo, j); lo = i; } else { sort(a, i, hi); hi = j; }
    }
    for (long i = lo + 1; i <= hi; i++) {
        uint32_t v = a[i];
        long j = i - 1;
        while (j >= lo && a[j] > v) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 3000000;
    uint32_t *a = malloc(sizeof(uint32_t) * (size_t)n);
    if (!a) return 2;
    uint64_t checksum = 0;
    for (int rep = 0; rep < 3; rep++) {
        uint32_t x = 2463534242u + (uint32_t)rep;
        for (long i = 0; i < n; i++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; a[i] = x; }
        sort(a, 0, n - 1);
        for (long i = 1; i < n; i++) if (a[i - 1] > a[i]) { puts("not sorted"); return 1; }
        checksum += a[n / 2] + a[n / 3];
    }
    printf("qsort(%ld) checksum = %llu\n", n, (unsigned long long)checksum);
    return 0;
}
