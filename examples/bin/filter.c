/*
 * filter [-k K] [-d NS]: copies the lines of standard input whose number (the last word) is a
 * multiple of K (default 1: every line) to standard output, upper-cased: the middle of
 * producer | filter | consumer. -d sleeps NS virtual nanoseconds after every 64 lines read (a
 * slow filter: the pipe before it fills and its writer blocks).
 */

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wasmos.h"

static const char USAGE[] = "usage: filter [-k K] [-d NS]\n";

int main(int argc, char **argv) {
	long k = 1, lines = 0;
	long long delay = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			printf("%sCopies the lines whose last number is a multiple of K (default 1) to standard\n"
			       "output, upper-cased; -d sleeps NS virtual nanoseconds after every 64 lines.\n", USAGE);
			return 0;
		} else if (strcmp(argv[i], "-k") == 0 && i + 1 < argc) {
			k = atol(argv[++i]);
		} else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc) {
			delay = atoll(argv[++i]);
		} else {
			fprintf(stderr, "filter: bad argument %s\n%s", argv[i], USAGE);
			return 2;
		}
	}
	if (k < 1) k = 1;
	char line[4096];
	while (fgets(line, sizeof line, stdin) != NULL) {
		if (delay > 0 && ++lines % 64 == 0) wasmos_sleep(delay);
		char *last = strrchr(line, ' ');
		long n = last == NULL ? 0 : atol(last + 1);
		if (n % k != 0) continue;
		for (char *c = line; *c != '\0'; c++) *c = (char)toupper((unsigned char)*c);
		if (fputs(line, stdout) == EOF) return 1;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
