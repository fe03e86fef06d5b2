/*
 * tee [-a] [FILE...]: copies standard input to standard output and to each FILE (created or
 * truncated; -a appends). A FILE that cannot be opened is reported (status 1) and the rest go on.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char USAGE[] = "usage: tee [-a] [FILE...]\n";

#define MAX_FILES 32

int main(int argc, char **argv) {
	const char *mode = "w";
	int first = 1;
	for (; first < argc && argv[first][0] == '-' && argv[first][1] != '\0'; first++) {
		if (strcmp(argv[first], "--") == 0) {
			first++;
			break;
		}
		if (strcmp(argv[first], "--help") == 0) {
			printf("%sCopies standard input to standard output and to each FILE; -a appends to the files\ninstead of replacing them.\n", USAGE);
			return 0;
		}
		if (strcmp(argv[first], "-a") == 0) {
			mode = "a";
			continue;
		}
		fprintf(stderr, "tee: unknown option %s\n%s", argv[first], USAGE);
		return 2;
	}
	if (argc - first > MAX_FILES) {
		fprintf(stderr, "tee: at most %d files\n%s", MAX_FILES, USAGE);
		return 2;
	}
	FILE *outs[MAX_FILES];
	const char *names[MAX_FILES];
	int count = 0, status = 0;
	for (int i = first; i < argc; i++) {
		FILE *out = fopen(argv[i], mode);
		if (out == NULL) {
			fprintf(stderr, "tee: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		names[count] = argv[i];
		outs[count++] = out;
	}
	char buf[8192];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, stdin)) > 0) {
		fwrite(buf, 1, got, stdout);
		fflush(stdout);
		for (int k = 0; k < count; k++) fwrite(buf, 1, got, outs[k]);
	}
	for (int k = 0; k < count; k++) {
		if (fclose(outs[k]) != 0) {
			fprintf(stderr, "tee: %s: %s\n", names[k], strerror(errno));
			status = 1;
		}
	}
	return status;
}
