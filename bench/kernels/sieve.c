// Sieve of Eratosthenes, repeated: byte loads/stores and tight loops. Argument: limit (default 16000000).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    int limit = argc > 1 ? atoi(argv[1]) : 16000000;
    unsigned char *composite = malloc((size_t)limit + 1);
    if (!composite) return 2;
    int count = 0;
    for (int rep = 0; rep < 5; rep++) {
        memset(composite, 0, (size_t)limit + 1);
        count = 0;
        for (int i = 2; i <= limit; i++) {
            if (composite[i]) continue;
            count++;
            for (long long j = (long long)i * i; j <= limit; j += i) composite[j] = 1;
        }
    }
    printf("primes below %d: %d\n", limit, count);
    return 0;
}
