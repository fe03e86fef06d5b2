/*
 * str OP TEXT...: string operations from the original WasmOS demo (`str upper wasmos` prints
 * WASMOS). The TEXT words are joined with single spaces; "-" instead reads standard input (its
 * trailing newline dropped). Characters are UTF-8: len counts characters, rev reverses them;
 * upper, lower and title change ASCII letters only.
 *
 *   upper, lower, title, len, rev, repeat N TEXT, count SUB TEXT
 *
 * Status 0 with the result on standard output; 2 for bad usage.
 */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] = "usage: str upper|lower|title|len|rev TEXT...  or  str repeat N TEXT...  or  str count SUB TEXT...\n";

static int usage_error(const char *what, const char *detail) {
	fprintf(stderr, "str: %s%s\n%s", what, detail, USAGE);
	return 2;
}

/* The words joined with spaces, or standard input for a lone "-"; NULL when memory runs out. */
static char *join(int count, char **words) {
	if (count == 1 && strcmp(words[0], "-") == 0) {
		char *text = NULL;
		size_t cap = 0;
		ssize_t len = getdelim(&text, &cap, '\0', stdin);
		if (len < 0) return text == NULL ? calloc(1, 1) : (text[0] = '\0', text);
		if (len > 0 && text[len - 1] == '\n') text[len - 1] = '\0';
		return text;
	}
	size_t size = 1;
	for (int i = 0; i < count; i++) size += strlen(words[i]) + 1;
	char *text = malloc(size);
	if (text == NULL) return NULL;
	text[0] = '\0';
	for (int i = 0; i < count; i++) {
		if (i > 0) strcat(text, " ");
		strcat(text, words[i]);
	}
	return text;
}

/* Whether byte c starts a UTF-8 character (is not a continuation byte). */
static int starts_char(unsigned char c) {
	return (c & 0xc0) != 0x80;
}

int main(int argc, char **argv) {
	if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
		printf("%sString operations on the TEXT words joined by spaces (- reads standard input):\n"
		       "  upper, lower, title   change the case of ASCII letters\n"
		       "  len                   the number of (UTF-8) characters\n"
		       "  rev                   the characters in reverse order\n"
		       "  repeat N              TEXT N times\n"
		       "  count SUB             how many times SUB occurs in TEXT (not overlapping)\n",
		       USAGE);
		return 0;
	}
	if (argc < 2) return usage_error("no operation given", "");
	const char *op = argv[1];
	int takes_arg = strcmp(op, "repeat") == 0 || strcmp(op, "count") == 0;
	int known = takes_arg || strcmp(op, "upper") == 0 || strcmp(op, "lower") == 0 || strcmp(op, "title") == 0 ||
	            strcmp(op, "len") == 0 || strcmp(op, "rev") == 0;
	if (!known) return usage_error("unknown operation ", op);
	int first = 2 + takes_arg;
	if (argc <= first) return usage_error(op, takes_arg ? " needs an argument and TEXT" : " needs TEXT");
	char *text = join(argc - first, argv + first);
	if (text == NULL) {
		fprintf(stderr, "str: out of memory\n");
		return 1;
	}
	size_t len = strlen(text);
	if (strcmp(op, "upper") == 0 || strcmp(op, "lower") == 0) {
		for (size_t i = 0; i < len; i++) text[i] = (char)(op[0] == 'u' ? toupper((unsigned char)text[i]) : tolower((unsigned char)text[i]));
		puts(text);
	} else if (strcmp(op, "title") == 0) {
		int word_start = 1;
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)text[i];
			text[i] = (char)(word_start ? toupper(c) : tolower(c));
			word_start = isspace(c);
		}
		puts(text);
	} else if (strcmp(op, "len") == 0) {
		size_t chars = 0;
		for (size_t i = 0; i < len; i++) chars += starts_char((unsigned char)text[i]);
		printf("%zu\n", chars);
	} else if (strcmp(op, "rev") == 0) {
		/* Character by character from the end: each one's bytes stay in order. */
		for (size_t end = len; end > 0;) {
			size_t start = end - 1;
			while (start > 0 && !starts_char((unsigned char)text[start])) start--;
			fwrite(text + start, 1, end - start, stdout);
			end = start;
		}
		putchar('\n');
	} else if (strcmp(op, "repeat") == 0) {
		char *end;
		errno = 0;
		long n = strtol(argv[2], &end, 10);
		if (errno != 0 || end == argv[2] || *end != '\0' || n < 0 || n > 100000) return usage_error(argv[2], ": N must be a whole number from 0 to 100000");
		for (long i = 0; i < n; i++) fputs(text, stdout);
		putchar('\n');
	} else {
		const char *sub = argv[2];
		size_t sub_len = strlen(sub), count = 0;
		if (sub_len == 0) return usage_error("count needs a SUB that is not empty", "");
		for (const char *at = strstr(text, sub); at != NULL; at = strstr(at + sub_len, sub)) count++;
		printf("%zu\n", count);
	}
	free(text);
	return 0;
}
