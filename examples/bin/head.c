/*
 * head [-n N] [FILE...]: the first N lines (default 10) of each FILE or of standard input. With
 * two or more files each part starts with "==> NAME <==". It stops reading once it has them, so
 * `yes | head -n 3` ends (yes then gets a broken pipe).
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] = "usage: head [-n N] [FILE...]\n";

static void head(FILE *in, long lines) {
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	for (; lines > 0 && (len = getline(&line, &cap, in)) >= 0; lines--) fwrite(line, 1, (size_t)len, stdout);
	free(line);
}

/* N from "-n N" / "-nN" / "-N"; -1 when it is not a whole number >= 0. */
static long parse_count(const char *text) {
	char *end;
	errno = 0;
	long n = strtol(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || n < 0) return -1;
	return n;
}

int main(int argc, char **argv) {
	long lines = 10;
	int first = 1;
	for (; first < argc && argv[first][0] == '-' && argv[first][1] != '\0'; first++) {
		const char *arg = argv[first];
		const char *count = NULL;
		if (strcmp(arg, "--") == 0) {
			first++;
			break;
		}
		if (strcmp(arg, "--help") == 0) {
			printf("%sPrints the first N lines (10 when -n is not given) of each FILE, or of standard input.\n", USAGE);
			return 0;
		}
		if (strcmp(arg, "-n") == 0) {
			if (first + 1 == argc) {
				fprintf(stderr, "head: -n needs a number\n%s", USAGE);
				return 2;
			}
			count = argv[++first];
		} else if (strncmp(arg, "-n", 2) == 0) count = arg + 2;
		else if (arg[1] >= '0' && arg[1] <= '9') count = arg + 1;
		else {
			fprintf(stderr, "head: unknown option %s\n%s", arg, USAGE);
			return 2;
		}
		lines = parse_count(count);
		if (lines < 0) {
			fprintf(stderr, "head: %s: not a number of lines\n%s", count, USAGE);
			return 2;
		}
	}
	if (first == argc) {
		head(stdin, lines);
		return 0;
	}
	int status = 0;
	for (int i = first; i < argc; i++) {
		FILE *in = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
		if (in == NULL) {
			fprintf(stderr, "head: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (argc - first > 1) printf("%s==> %s <==\n", i > first ? "\n" : "", argv[i]);
		head(in, lines);
		if (in != stdin) fclose(in);
	}
	return status;
}
