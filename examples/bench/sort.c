/* sort: quicksort of SORT_COUNT pseudo-random signed int64 keys from xorshift64 — measures i64
 * compares, loads/stores and data-dependent branches. run() checks the result is sorted (returns
 * -1 if not) and returns a position-weighted sum of the sorted keys (wrapping), as an i64. */

#define SORT_COUNT 200000
#define SORT_INSERTION_MAX 16

static long long keys[SORT_COUNT];

static void insertion_sort(long long *v, int lo, int hi) {
    for (int i = lo + 1; i <= hi; i++) {
        long long x = v[i];
        int j = i - 1;
        while (j >= lo && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

static void swap(long long *v, int i, int j) {
    long long t = v[i];
    v[i] = v[j];
    v[j] = t;
}

/* Hoare-partition quicksort with a median-of-three pivot. It recurses into the smaller side and
 * loops on the larger one, so the recursion depth stays below log2(SORT_COUNT). */
static void quicksort(long long *v, int lo, int hi) {
    while (hi - lo > SORT_INSERTION_MAX) {
        int mid = lo + (hi - lo) / 2;
        if (v[mid] < v[lo]) swap(v, mid, lo);
        if (v[hi] < v[lo]) swap(v, hi, lo);
        if (v[hi] < v[mid]) swap(v, hi, mid);
        long long pivot = v[mid];
        int i = lo - 1, j = hi + 1;
        for (;;) {
            do i++; while (v[i] < pivot);
            do j--; while (v[j] > pivot);
            if (i >= j) break;
            swap(v, i, j);
        }
        if (j - lo < hi - j) {
            quicksort(v, lo, j);
            lo = j + 1;
        } else {
            quicksort(v, j + 1, hi);
            hi = j;
        }
    }
    insertion_sort(v, lo, hi);
}

long long run(void) {
    unsigned long long state = 88172645463325252ull;
    for (int i = 0; i < SORT_COUNT; i++) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        keys[i] = (long long)state;
    }
    quicksort(keys, 0, SORT_COUNT - 1);
    unsigned long long sum = 0;
    for (int i = 0; i < SORT_COUNT; i++) {
        if (i > 0 && keys[i - 1] > keys[i]) return -1;
        sum += (unsigned long long)keys[i] * (unsigned long long)(i + 1);
    }
    return (long long)sum;
}
