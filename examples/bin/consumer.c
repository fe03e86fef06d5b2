/*
 * consumer [-d NS] [-q]: reads standard input to its end, a 4 KiB block at a time, sleeping NS
 * nanoseconds of virtual time after each block (default 0: a slow consumer makes the pipe fill
 * and its writer block), then prints how many lines and bytes it read and the last line.
 * -q prints only the count.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "wasmos.h"

static const char USAGE[] = "usage: consumer [-d NS] [-q]\n";

int main(int argc, char **argv) {
	long long delay = 0;
	int quiet = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			printf("%sReads standard input to its end (sleeping NS virtual nanoseconds after each 4 KiB\n"
			       "block) and prints the lines and bytes it read and the last line.\n", USAGE);
			return 0;
		} else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc) {
			delay = atoll(argv[++i]);
		} else if (strcmp(argv[i], "-q") == 0) {
			quiet = 1;
		} else {
			fprintf(stderr, "consumer: bad argument %s\n%s", argv[i], USAGE);
			return 2;
		}
	}
	char buf[4096], last[256] = "", current[256] = "";
	size_t cur = 0;
	long lines = 0, bytes = 0;
	ssize_t got;
	while ((got = read(0, buf, sizeof buf)) > 0) {
		bytes += got;
		for (ssize_t i = 0; i < got; i++) {
			if (buf[i] == '\n') {
				lines++;
				current[cur] = '\0';
				memcpy(last, current, cur + 1);
				cur = 0;
			} else if (cur < sizeof current - 1) {
				current[cur++] = buf[i];
			}
		}
		if (delay > 0) wasmos_sleep(delay);
	}
	if (got < 0) {
		perror("consumer: read");
		return 1;
	}
	if (quiet) printf("%ld\n", lines);
	else printf("consumer: %ld lines, %ld bytes, last \"%s\"\n", lines, bytes, last);
	return 0;
}
