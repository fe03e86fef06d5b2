/* sieve: sieve of Eratosthenes over a byte array — measures tight loops, byte loads/stores and
 * memset from wasi-libc. run() returns the sum of all primes below SIEVE_LIMIT, added up over
 * SIEVE_ROUNDS identical rounds, as an i64. */

#include <string.h>

#define SIEVE_LIMIT 2000000
#define SIEVE_ROUNDS 4

static unsigned char composite[SIEVE_LIMIT];

static long long sieve_sum(int limit) {
    memset(composite, 0, (unsigned long)limit);
    /* Cross out the multiples of every prime p, starting at p*p. */
    for (int p = 2; (long long)p * p < limit; p++) {
        if (!composite[p]) {
            for (int m = p * p; m < limit; m += p) composite[m] = 1;
        }
    }
    long long sum = 0;
    for (int i = 2; i < limit; i++) {
        if (!composite[i]) sum += i;
    }
    return sum;
}

long long run(void) {
    long long total = 0;
    for (int round = 0; round < SIEVE_ROUNDS; round++) total += sieve_sum(SIEVE_LIMIT);
    return total;
}
