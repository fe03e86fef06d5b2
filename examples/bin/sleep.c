/*
 * sleep SECONDS: waits SECONDS (a decimal number, e.g. 0.5; or with a suffix s, m, h) and exits.
 * In the machine the time is virtual: a headless run jumps over it, the TUI waits it out.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char USAGE[] = "usage: sleep SECONDS\n";

int main(int argc, char **argv) {
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		printf("%sWaits SECONDS (a decimal number such as 0.5, or with a suffix s, m or h) and exits.\n", USAGE);
		return 0;
	}
	if (argc != 2) {
		fprintf(stderr, "sleep: %s\n%s", argc < 2 ? "no time given" : "one SECONDS only", USAGE);
		return 2;
	}
	const char *text = argv[1];
	char *end;
	errno = 0;
	double seconds = strtod(text, &end);
	double scale = 1;
	if (*end == 's') end++;
	else if (*end == 'm') scale = 60, end++;
	else if (*end == 'h') scale = 3600, end++;
	seconds *= scale;
	/* A year at most: enough for anything, and no overflow of the nanoseconds below. */
	if (errno != 0 || end == text || *end != '\0' || text[0] == '-' || !(seconds >= 0 && seconds <= 31536000)) {
		fprintf(stderr, "sleep: %s: not a time in seconds\n%s", text, USAGE);
		return 2;
	}
	struct timespec wait;
	wait.tv_sec = (time_t)seconds;
	wait.tv_nsec = (long)((seconds - (double)wait.tv_sec) * 1e9);
	if (nanosleep(&wait, NULL) != 0) {
		fprintf(stderr, "sleep: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
