// memory-hog: allocates memory one MiB at a time, touching every page, and never frees it. When the allocation fails
// it gives up, as most programs do. Under a memory limit the wasm memory cannot grow past it, malloc returns NULL, and
// the agent reports the end as OOMKilled (exit code 137).
//
//   usage: memory-hog [STEP_MIB]      (default 1)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Keeps every block reachable, so the compiler cannot drop the allocations.
static void *volatile kept;

int main(int argc, char **argv) {
    int step = argc > 1 ? atoi(argv[1]) : 1;
    if (step < 1) {
        fprintf(stderr, "usage: %s [STEP_MIB >= 1]\n", argv[0]);
        return 2;
    }
    size_t bytes = (size_t)step << 20;
    for (long total = step;; total += step) {
        void **block = malloc(bytes);
        if (block == NULL) {
            fprintf(stderr, "memory-hog: out of memory after %ld MiB\n", total - step);
            return 1;
        }
        memset(block, 0xA5, bytes);
        *block = kept;
        kept = block;
        printf("memory-hog: holding %ld MiB\n", total);
        fflush(stdout);
    }
}
