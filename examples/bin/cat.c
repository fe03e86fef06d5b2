/*
 * cat [-n] [FILE...]: copies each FILE (or standard input, for none or "-") to standard output,
 * in order. -n numbers the lines. A file that cannot be opened is reported and skipped (status 1).
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char USAGE[] = "usage: cat [-n] [FILE...]\n";

static int number_lines;
static long line_no = 1;
static int at_line_start = 1;

static void copy(FILE *in) {
	char buf[8192];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, in)) > 0) {
		if (!number_lines) {
			fwrite(buf, 1, got, stdout);
			continue;
		}
		for (size_t i = 0; i < got; i++) {
			if (at_line_start) printf("%6ld\t", line_no++);
			putchar(buf[i]);
			at_line_start = buf[i] == '\n';
		}
	}
}

int main(int argc, char **argv) {
	int first = 1;
	for (; first < argc && argv[first][0] == '-' && argv[first][1] != '\0'; first++) {
		if (strcmp(argv[first], "--") == 0) {
			first++;
			break;
		}
		if (strcmp(argv[first], "--help") == 0) {
			printf("%sCopies each FILE (standard input when there is none, or for -) to standard output;\n-n numbers the lines.\n", USAGE);
			return 0;
		}
		if (strcmp(argv[first], "-n") == 0) {
			number_lines = 1;
			continue;
		}
		fprintf(stderr, "cat: unknown option %s\n%s", argv[first], USAGE);
		return 2;
	}
	int status = 0;
	if (first == argc) copy(stdin);
	for (int i = first; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			copy(stdin);
			continue;
		}
		FILE *in = fopen(argv[i], "r");
		if (in == NULL) {
			fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		copy(in);
		if (ferror(in)) {
			fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
		fclose(in);
	}
	fflush(stdout);
	return status;
}
