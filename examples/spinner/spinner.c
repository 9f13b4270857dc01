// spinner: a busy loop that never sleeps and never ends, as a runaway computation would. Each workload gets a CPU share
// (resources.limits.cpu, as fuel per second); a guest that keeps burning more than its share runs out of fuel and the
// agent stops it with the reason FuelExhausted (exit code 152) instead of letting it starve the others.
//
//   usage: spinner
#include <stdint.h>
#include <stdio.h>

int main(void) {
    printf("spinner: computing forever\n");
    fflush(stdout);
    volatile uint64_t state = 1;
    for (;;) state = state * 6364136223846793005u + 1442695040888963407u;
}
