// prime-job: a batch job that runs to completion. It counts the primes below LIMIT with the sieve of Eratosthenes,
// prints the count and the largest one, and exits 0 (restartPolicy OnFailure: the pod ends Succeeded).
//
//   usage: prime-job [LIMIT]      (default 2000000; the sieve needs LIMIT bytes of memory)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    long limit = argc > 1 ? atol(argv[1]) : 2000000;
    if (limit < 2) {
        fprintf(stderr, "usage: %s [LIMIT >= 2]\n", argv[0]);
        return 2;
    }
    unsigned char *composite = calloc((size_t)limit, 1);
    if (composite == NULL) {
        fprintf(stderr, "prime-job: cannot allocate %ld bytes for the sieve\n", limit);
        return 1;
    }
    printf("prime-job: sieving below %ld\n", limit);
    long count = 0, largest = 0;
    for (long i = 2; i < limit; i++) {
        if (composite[i]) continue;
        count++;
        largest = i;
        // long is 32 bits on wasm32: i * i would overflow past 46340, so compare by division first.
        if (i > (limit - 1) / i) continue;
        for (long multiple = i * i; multiple < limit; multiple += i) composite[multiple] = 1;
    }
    free(composite);
    printf("prime-job: %ld primes below %ld, the largest is %ld\n", count, limit, largest);
    return 0;
}
