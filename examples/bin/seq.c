/*
 * seq [FIRST [STEP]] LAST: prints the whole numbers from FIRST (default 1) to LAST, STEP apart
 * (default 1; negative counts down), one per line.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] = "usage: seq [FIRST [STEP]] LAST\n";

static int parse(const char *text, long long *value) {
	char *end;
	errno = 0;
	*value = strtoll(text, &end, 10);
	if (errno == 0 && end != text && *end == '\0') return 1;
	fprintf(stderr, "seq: %s: not a whole number\n%s", text, USAGE);
	return 0;
}

/* Writes n in decimal and a newline at `to` (at most 21 bytes); returns how many. */
static size_t format(char *to, long long n) {
	char digits[24];
	size_t count = 0;
	unsigned long long v = n < 0 ? 0 - (unsigned long long)n : (unsigned long long)n;
	do {
		digits[count++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	size_t at = 0;
	if (n < 0) to[at++] = '-';
	while (count > 0) to[at++] = digits[--count];
	to[at++] = '\n';
	return at;
}

int main(int argc, char **argv) {
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		printf("%sPrints the whole numbers from FIRST (1 when not given) to LAST, STEP apart (1 when not\ngiven; a negative STEP counts down), one per line.\n", USAGE);
		return 0;
	}
	if (argc < 2 || argc > 4) {
		fprintf(stderr, "seq: %s\n%s", argc < 2 ? "no LAST given" : "too many arguments", USAGE);
		return 2;
	}
	long long first = 1, step = 1, last;
	if (!parse(argv[argc - 1], &last)) return 2;
	if (argc >= 3 && !parse(argv[1], &first)) return 2;
	if (argc == 4 && !parse(argv[2], &step)) return 2;
	if (step == 0) {
		fprintf(stderr, "seq: STEP must not be 0\n%s", USAGE);
		return 2;
	}
	/* Lines are formatted by hand into a buffer written 4 KiB at a time: printf per line would cost
	   more than everything else together. Stops before stepping past LAST or out of long long. */
	static char out[4096 + 32];
	size_t used = 0;
	for (long long n = first; step > 0 ? n <= last : n >= last;) {
		used += format(out + used, n);
		if (used >= 4096) {
			fwrite(out, 1, used, stdout);
			used = 0;
		}
		if (step > 0 ? n > last - step : n < last - step) break;
		n += step;
	}
	fwrite(out, 1, used, stdout);
	return 0;
}
