/*
 * math OP NUMBER...: integer arithmetic from the original WasmOS demo (`math add 5 7` prints 12).
 * Numbers are 64-bit signed integers; a result that does not fit is an error, not a wrapped value.
 *
 *   add A B, sub A B, mul A B, div A B, mod A B, pow A B, gcd A B, fact N, fib N, prime N
 *
 * Status 0 with the result on standard output; 1 for an arithmetic error (division by zero,
 * overflow); 2 for bad usage (an unknown OP, a missing or extra number, something not a number).
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] = "usage: math add|sub|mul|div|mod|pow|gcd A B  or  math fact|fib|prime N\n";

struct op {
	const char *name;
	int arity;
	const char *summary;
};

static const struct op OPS[] = {
	{"add", 2, "A + B"},
	{"sub", 2, "A - B"},
	{"mul", 2, "A * B"},
	{"div", 2, "A / B, rounded toward zero"},
	{"mod", 2, "the remainder of A / B"},
	{"pow", 2, "A to the power B (B >= 0)"},
	{"gcd", 2, "the greatest common divisor of A and B"},
	{"fact", 1, "N! (N >= 0)"},
	{"fib", 1, "the N-th Fibonacci number (fib 0 = 0, fib 1 = 1)"},
	{"prime", 1, "whether N is a prime number (yes or no)"},
};

#define OP_COUNT (sizeof OPS / sizeof OPS[0])

static int usage_error(const char *what) {
	fprintf(stderr, "math: %s\n%s", what, USAGE);
	return 2;
}

static int overflow(void) {
	fprintf(stderr, "math: the result does not fit in a 64-bit integer\n");
	return 1;
}

static int print(int64_t value) {
	printf("%lld\n", (long long)value);
	return 0;
}

int main(int argc, char **argv) {
	if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
		printf("%sInteger arithmetic on 64-bit numbers; a result that does not fit is an error. Operations:\n", USAGE);
		for (size_t i = 0; i < OP_COUNT; i++) printf("  %-6s%s\n", OPS[i].name, OPS[i].summary);
		return 0;
	}
	if (argc < 2) return usage_error("no operation given");
	const struct op *op = NULL;
	for (size_t i = 0; i < OP_COUNT; i++)
		if (strcmp(argv[1], OPS[i].name) == 0) op = &OPS[i];
	if (op == NULL) {
		fprintf(stderr, "math: unknown operation %s\n%s", argv[1], USAGE);
		return 2;
	}
	if (argc - 2 != op->arity) {
		fprintf(stderr, "math: %s takes %d number%s, not %d\n%s", op->name, op->arity, op->arity == 1 ? "" : "s", argc - 2, USAGE);
		return 2;
	}
	int64_t n[2];
	for (int i = 0; i < op->arity; i++) {
		char *end;
		errno = 0;
		n[i] = strtoll(argv[2 + i], &end, 10);
		if (errno != 0 || end == argv[2 + i] || *end != '\0') {
			fprintf(stderr, "math: %s: not a whole number (64-bit)\n%s", argv[2 + i], USAGE);
			return 2;
		}
	}
	int64_t a = n[0], b = n[1], r;
	const char *name = op->name;
	if (strcmp(name, "add") == 0) return __builtin_add_overflow(a, b, &r) ? overflow() : print(r);
	if (strcmp(name, "sub") == 0) return __builtin_sub_overflow(a, b, &r) ? overflow() : print(r);
	if (strcmp(name, "mul") == 0) return __builtin_mul_overflow(a, b, &r) ? overflow() : print(r);
	if (strcmp(name, "div") == 0 || strcmp(name, "mod") == 0) {
		if (b == 0) {
			fprintf(stderr, "math: division by zero\n");
			return 1;
		}
		if (a == INT64_MIN && b == -1) return name[0] == 'd' ? overflow() : print(0);
		return print(name[0] == 'd' ? a / b : a % b);
	}
	if (strcmp(name, "pow") == 0) {
		if (b < 0) return usage_error("pow needs B >= 0");
		r = 1;
		for (int64_t i = 0; i < b; i++) {
			if (__builtin_mul_overflow(r, a, &r)) return overflow();
			if (r == 0 || r == 1) break;
			if (r == -1) {
				r = (b - i - 1) % 2 == 0 ? -1 : 1;
				break;
			}
		}
		return print(r);
	}
	if (strcmp(name, "gcd") == 0) {
		uint64_t x = a < 0 ? 0 - (uint64_t)a : (uint64_t)a, y = b < 0 ? 0 - (uint64_t)b : (uint64_t)b;
		while (y != 0) {
			uint64_t t = x % y;
			x = y;
			y = t;
		}
		if (x > INT64_MAX) return overflow();
		return print((int64_t)x);
	}
	if (strcmp(name, "fact") == 0) {
		if (a < 0) return usage_error("fact needs N >= 0");
		r = 1;
		for (int64_t i = 2; i <= a; i++)
			if (__builtin_mul_overflow(r, i, &r)) return overflow();
		return print(r);
	}
	if (strcmp(name, "fib") == 0) {
		if (a < 0) return usage_error("fib needs N >= 0");
		int64_t prev = 0, cur = 1;
		for (int64_t i = 0; i < a; i++) {
			int64_t next;
			/* fib(N + 1) is computed on the way: its overflow matters only before the last step. */
			if (__builtin_add_overflow(prev, cur, &next)) {
				if (i + 1 == a) return print(cur);
				return overflow();
			}
			prev = cur;
			cur = next;
		}
		return print(prev);
	}
	/* prime: trial division by 2, 3 and then 6k +- 1 up to the square root. */
	int prime = a >= 2;
	if (a > 3) {
		if (a % 2 == 0 || a % 3 == 0) prime = 0;
		for (int64_t d = 5; prime && d <= a / d; d += 6)
			if (a % d == 0 || a % (d + 2) == 0) prime = 0;
	}
	printf("%s\n", prime ? "yes" : "no");
	return 0;
}
