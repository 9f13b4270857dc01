// Dense f64 matrix multiply, i-k-j order: loads, stores and float arithmetic. Argument: n (default 400).
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 400;
    double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n), *c = calloc((size_t)n * n, sizeof(double));
    if (!a || !b || !c) return 2;
    for (int i = 0; i < n * n; i++) {
        a[i] = (double)(i % 17) * 0.5;
        b[i] = (double)(i % 13) * 0.25;
    }
    for (int rep = 0; rep < 12; rep++)
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++) {
                double aik = a[i * n + k];
                for (int j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
            }
    double sum = 0;
    for (int i = 0; i < n * n; i++) sum += c[i];
    printf("matmul(%d) checksum = %.3f\n", n, sum);
    return 0;
}
