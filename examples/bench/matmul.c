/* matmul: dense f64 matrix multiply C = A × B (i-k-j loop order) — measures f64 arithmetic and
 * f64 loads/stores. Each of MATMUL_REPS repetitions perturbs A slightly so no repetition equals
 * another. run() returns the exact bits of the f64 sum of every C entry over all repetitions,
 * reinterpreted as an i64. */

#include <string.h>

#define MATMUL_N 200
#define MATMUL_REPS 4

static double a[MATMUL_N][MATMUL_N], b[MATMUL_N][MATMUL_N], c[MATMUL_N][MATMUL_N];

/* xorshift32 mapped to [-1, 1): deterministic matrix contents. */
static unsigned int rng_state;
static double next_unit(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return (double)(int)rng_state / 2147483648.0;
}

long long run(void) {
    rng_state = 2463534242u;
    for (int i = 0; i < MATMUL_N; i++) {
        for (int j = 0; j < MATMUL_N; j++) {
            a[i][j] = next_unit();
            b[i][j] = next_unit();
        }
    }
    double total = 0.0;
    for (int rep = 0; rep < MATMUL_REPS; rep++) {
        a[rep][rep] += 0.5;
        memset(c, 0, sizeof c);
        /* i-k-j order: the innermost loop walks rows of B and C contiguously. */
        for (int i = 0; i < MATMUL_N; i++) {
            for (int k = 0; k < MATMUL_N; k++) {
                double aik = a[i][k];
                for (int j = 0; j < MATMUL_N; j++) c[i][j] += aik * b[k][j];
            }
        }
        for (int i = 0; i < MATMUL_N; i++) {
            for (int j = 0; j < MATMUL_N; j++) total += c[i][j];
        }
    }
    long long bits;
    memcpy(&bits, &total, sizeof bits);
    return bits;
}
