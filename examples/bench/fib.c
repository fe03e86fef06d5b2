/* fib: naive doubly recursive Fibonacci — measures call/return and small-function overhead.
 * run() returns fib(FIB_N) as an i32. */

#define FIB_N 33

/* The input lives in a global the compiler cannot see being constant, so fib(FIB_N) is computed
 * at run time, never folded. */
int fib_n = FIB_N;

__attribute__((noinline)) static int fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int run(void) {
    return fib(fib_n);
}
