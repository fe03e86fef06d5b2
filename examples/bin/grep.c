/*
 * grep [-i] [-c] [-v] [-n] PATTERN [FILE...]: prints the lines of each FILE (or standard input)
 * that contain PATTERN, a fixed string (no regular expressions). -i ignores ASCII case, -c prints
 * how many lines matched instead, -v selects the lines that do not match, -n numbers them. With two
 * or more files each line starts with its file's name. Status 0 when a line was selected, 1 when
 * none was, 2 for bad usage or an unreadable file.
 */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] = "usage: grep [-i] [-c] [-v] [-n] PATTERN [FILE...]\n";

static int ignore_case, count_only, invert, numbers;
static const char *pattern;
static size_t pattern_len;

static int contains(const char *line, size_t len) {
	if (pattern_len == 0) return 1;
	for (size_t i = 0; i + pattern_len <= len; i++) {
		size_t k = 0;
		if (ignore_case)
			while (k < pattern_len && tolower((unsigned char)line[i + k]) == tolower((unsigned char)pattern[k])) k++;
		else
			while (k < pattern_len && line[i + k] == pattern[k]) k++;
		if (k == pattern_len) return 1;
	}
	return 0;
}

/* Selected lines of one input, printed (or counted); returns how many were selected. */
static long search(FILE *in, const char *name) {
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long selected = 0, line_no = 0;
	while ((len = getline(&line, &cap, in)) >= 0) {
		line_no++;
		size_t text = (size_t)len;
		if (text > 0 && line[text - 1] == '\n') text--;
		if (contains(line, text) == invert) continue;
		selected++;
		if (count_only) continue;
		if (name != NULL) printf("%s:", name);
		if (numbers) printf("%ld:", line_no);
		fwrite(line, 1, text, stdout);
		putchar('\n');
	}
	free(line);
	if (count_only) {
		if (name != NULL) printf("%s:", name);
		printf("%ld\n", selected);
	}
	return selected;
}

int main(int argc, char **argv) {
	int first = 1;
	for (; first < argc && argv[first][0] == '-' && argv[first][1] != '\0'; first++) {
		const char *arg = argv[first];
		if (strcmp(arg, "--") == 0) {
			first++;
			break;
		}
		if (strcmp(arg, "--help") == 0) {
			printf("%sPrints the lines of each FILE (standard input when there is none) that contain PATTERN,\na fixed string: -i ignores case, -c counts the lines instead, -v selects the others, -n numbers them.\n", USAGE);
			return 0;
		}
		for (const char *f = arg + 1; *f != '\0'; f++) {
			if (*f == 'i') ignore_case = 1;
			else if (*f == 'c') count_only = 1;
			else if (*f == 'v') invert = 1;
			else if (*f == 'n') numbers = 1;
			else {
				fprintf(stderr, "grep: unknown option -%c\n%s", *f, USAGE);
				return 2;
			}
		}
	}
	if (first == argc) {
		fprintf(stderr, "grep: no PATTERN given\n%s", USAGE);
		return 2;
	}
	pattern = argv[first++];
	pattern_len = strlen(pattern);
	long selected = 0;
	int failed = 0;
	if (first == argc) selected = search(stdin, NULL);
	for (int i = first; i < argc; i++) {
		const char *name = argc - first > 1 ? argv[i] : NULL;
		FILE *in = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
		if (in == NULL) {
			fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
			failed = 1;
			continue;
		}
		selected += search(in, name);
		if (in != stdin) fclose(in);
	}
	return failed ? 2 : selected > 0 ? 0 : 1;
}
