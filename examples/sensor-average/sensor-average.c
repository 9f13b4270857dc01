// sensor-average: reads a (simulated) temperature sensor every INTERVAL_MS milliseconds and prints each reading with
// the average of the last WINDOW readings, forever. It sleeps between readings, so it needs almost no CPU.
//
//   usage: sensor-average [INTERVAL_MS [WINDOW]]      environment: SENSOR_NAME (default "sensor")
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define MAX_WINDOW 64

// A stand-in for a real sensor: a slow daily swing around 21 °C plus a little deterministic noise.
static double read_temperature(unsigned long tick, unsigned *noise) {
    *noise = *noise * 1664525u + 1013904223u;
    double jitter = ((double)(*noise >> 8 & 0xffff) / 65535.0 - 0.5) * 0.4;
    return 21.0 + 3.0 * sin((double)tick / 600.0) + jitter;
}

int main(int argc, char **argv) {
    long interval_ms = argc > 1 ? atol(argv[1]) : 1000;
    int window = argc > 2 ? atoi(argv[2]) : 10;
    if (interval_ms < 1 || window < 1 || window > MAX_WINDOW) {
        fprintf(stderr, "usage: %s [INTERVAL_MS >= 1 [WINDOW 1..%d]]\n", argv[0], MAX_WINDOW);
        return 2;
    }
    const char *name = getenv("SENSOR_NAME");
    if (name == NULL || *name == '\0') name = "sensor";

    double readings[MAX_WINDOW];
    double sum = 0;
    unsigned noise = 2024;
    for (unsigned long tick = 0;; tick++) {
        double value = read_temperature(tick, &noise);
        int slot = (int)(tick % (unsigned long)window);
        if (tick >= (unsigned long)window) sum -= readings[slot];
        readings[slot] = value;
        sum += value;
        int count = tick < (unsigned long)window ? (int)tick + 1 : window;
        printf("%s: reading %.2f C, average of last %d %.2f C\n", name, value, count, sum / count);
        fflush(stdout);

        struct timespec pause = { interval_ms / 1000, (interval_ms % 1000) * 1000000L };
        nanosleep(&pause, NULL);
    }
}
