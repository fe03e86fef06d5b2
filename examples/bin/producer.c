/*
 * producer [-n COUNT]: writes COUNT numbered lines ("item 000001", default 10000: 120 KB, more
 * than a pipe holds) to standard output, for producer | filter | consumer. The lines are built
 * by counting in decimal in place and written 4 KiB at a time, so producing is cheap and the
 * readers set the pace.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char USAGE[] = "usage: producer [-n COUNT]\n";

/* Writes all of buf, or returns -1. */
static int put(const char *buf, size_t len) {
	while (len > 0) {
		ssize_t n = write(1, buf, len);
		if (n < 0) return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int main(int argc, char **argv) {
	long count = 10000;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			printf("%sWrites COUNT numbered lines (default 10000) to standard output.\n", USAGE);
			return 0;
		} else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
			count = atol(argv[++i]);
		} else {
			fprintf(stderr, "producer: bad argument %s\n%s", argv[i], USAGE);
			return 2;
		}
	}
	if (count > 999999) count = 999999;
	char line[] = "item 000000\n";
	enum { LINE = sizeof line - 1, FIRST_DIGIT = 5, LAST_DIGIT = 10 };
	char block[4096];
	size_t used = 0;
	for (long k = 1; k <= count; k++) {
		/* The next number: add one to the digits, carrying. */
		for (int d = LAST_DIGIT; d >= FIRST_DIGIT; d--) {
			if (line[d] != '9') {
				line[d]++;
				break;
			}
			line[d] = '0';
		}
		if (used + LINE > sizeof block) {
			if (put(block, used) < 0) return 1;
			used = 0;
		}
		memcpy(block + used, line, LINE);
		used += LINE;
	}
	return put(block, used) < 0 ? 1 : 0;
}
