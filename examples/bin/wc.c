/*
 * wc [-l] [-w] [-c] [FILE...]: counts lines, words and bytes of each FILE (or standard input) and
 * prints them in that order, each right-aligned in 7 columns, then the file's name; a total line
 * after two or more files. The flags pick which counts are shown (all three without a flag).
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char USAGE[] = "usage: wc [-l] [-w] [-c] [FILE...]\n";

struct counts {
	long lines, words, bytes;
};

static int show_lines, show_words, show_bytes;

static struct counts count(FILE *in) {
	struct counts c = {0, 0, 0};
	char buf[8192];
	size_t got;
	int in_word = 0;
	while ((got = fread(buf, 1, sizeof buf, in)) > 0) {
		c.bytes += (long)got;
		for (size_t i = 0; i < got; i++) {
			unsigned char ch = (unsigned char)buf[i];
			if (ch == '\n') c.lines++;
			/* isspace() of the C locale, inline: it is called for every byte. */
			if (ch == ' ' || (ch >= '\t' && ch <= '\r')) in_word = 0;
			else if (!in_word) {
				in_word = 1;
				c.words++;
			}
		}
	}
	return c;
}

static void print(struct counts c, const char *name) {
	if (show_lines) printf("%7ld", c.lines);
	if (show_words) printf("%s%7ld", show_lines ? " " : "", c.words);
	if (show_bytes) printf("%s%7ld", show_lines || show_words ? " " : "", c.bytes);
	if (name != NULL) printf(" %s", name);
	putchar('\n');
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
			printf("%sCounts the lines, words and bytes of each FILE (standard input when there is none);\n-l, -w and -c show only those counts.\n", USAGE);
			return 0;
		}
		for (const char *f = arg + 1; *f != '\0'; f++) {
			if (*f == 'l') show_lines = 1;
			else if (*f == 'w') show_words = 1;
			else if (*f == 'c') show_bytes = 1;
			else {
				fprintf(stderr, "wc: unknown option -%c\n%s", *f, USAGE);
				return 2;
			}
		}
	}
	if (!show_lines && !show_words && !show_bytes) show_lines = show_words = show_bytes = 1;
	if (first == argc) {
		print(count(stdin), NULL);
		return 0;
	}
	int status = 0;
	struct counts total = {0, 0, 0};
	for (int i = first; i < argc; i++) {
		FILE *in = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
		if (in == NULL) {
			fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		struct counts c = count(in);
		if (in != stdin) fclose(in);
		print(c, argv[i]);
		total.lines += c.lines;
		total.words += c.words;
		total.bytes += c.bytes;
	}
	if (argc - first > 1) print(total, "total");
	return status;
}
