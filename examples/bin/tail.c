/*
 * tail [-n N] [FILE]: the last N lines (default 10) of FILE or of standard input. It reads to the
 * end, keeping the text read so far, then prints from the start of the N-th line from the end.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] = "usage: tail [-n N] [FILE]\n";

/* The whole input in one growing buffer; NULL (and a message) when memory runs out. */
static char *slurp(FILE *in, size_t *size) {
	size_t cap = 8192, len = 0;
	char *data = malloc(cap);
	while (data != NULL) {
		size_t got = fread(data + len, 1, cap - len, in);
		len += got;
		if (got == 0) break;
		if (len == cap) {
			char *bigger = realloc(data, cap * 2);
			if (bigger == NULL) free(data);
			data = bigger;
			cap *= 2;
		}
	}
	if (data == NULL) fprintf(stderr, "tail: out of memory\n");
	*size = len;
	return data;
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
			printf("%sPrints the last N lines (10 when -n is not given) of FILE, or of standard input.\n", USAGE);
			return 0;
		}
		if (strcmp(arg, "-n") == 0) {
			if (first + 1 == argc) {
				fprintf(stderr, "tail: -n needs a number\n%s", USAGE);
				return 2;
			}
			count = argv[++first];
		} else if (strncmp(arg, "-n", 2) == 0) count = arg + 2;
		else if (arg[1] >= '0' && arg[1] <= '9') count = arg + 1;
		else {
			fprintf(stderr, "tail: unknown option %s\n%s", arg, USAGE);
			return 2;
		}
		char *end;
		errno = 0;
		lines = strtol(count, &end, 10);
		if (errno != 0 || end == count || *end != '\0' || lines < 0) {
			fprintf(stderr, "tail: %s: not a number of lines\n%s", count, USAGE);
			return 2;
		}
	}
	if (argc - first > 1) {
		fprintf(stderr, "tail: one FILE at most\n%s", USAGE);
		return 2;
	}
	FILE *in = first == argc || strcmp(argv[first], "-") == 0 ? stdin : fopen(argv[first], "r");
	if (in == NULL) {
		fprintf(stderr, "tail: %s: %s\n", argv[first], strerror(errno));
		return 1;
	}
	size_t size;
	char *data = slurp(in, &size);
	if (data == NULL) return 1;
	/* Walk back over N line ends (a last line without one counts as a line too). */
	size_t start = size;
	long seen = 0;
	if (start > 0 && data[start - 1] == '\n') start--;
	while (start > 0) {
		if (data[start - 1] == '\n' && ++seen == lines) break;
		start--;
	}
	if (lines > 0) fwrite(data + start, 1, size - start, stdout);
	free(data);
	return 0;
}
