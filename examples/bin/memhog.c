/*
 * memhog [STEPS [KIB]]: grows its memory step by step. Each step allocates KIB KiB (default 1024)
 * with malloc, writes a byte into every 4 KiB page of it (so the pages are really touched), and
 * prints the step, the KiB it holds and the size of its linear memory. STEPS defaults to 8. When
 * an allocation fails (the process's memory cap was reached: memory.grow answered -1) it says so
 * and exits with status 1.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] = "usage: memhog [STEPS [KIB]]\n";

#define PAGE 4096
#define WASM_PAGE 65536

static int parse(const char *text, const char *what, long *value) {
	char *end;
	errno = 0;
	*value = strtol(text, &end, 10);
	if (errno == 0 && end != text && *end == '\0' && *value >= 1 && *value <= 4194304) return 1;
	fprintf(stderr, "memhog: %s: %s must be a whole number from 1 to 4194304\n%s", text, what, USAGE);
	return 0;
}

int main(int argc, char **argv) {
	if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
		printf("%sAllocates KIB KiB (1024 by default) STEPS times (8 by default), touching every page, and prints\nhow much it holds and the size of its linear memory after each step.\n", USAGE);
		return 0;
	}
	if (argc > 3) {
		fprintf(stderr, "memhog: too many arguments\n%s", USAGE);
		return 2;
	}
	long steps = 8, kib = 1024;
	if (argc >= 2 && !parse(argv[1], "STEPS", &steps)) return 2;
	if (argc == 3 && !parse(argv[2], "KIB", &kib)) return 2;
	size_t size = (size_t)kib * 1024;
	long held = 0;
	for (long step = 1; step <= steps; step++) {
		char *block = malloc(size);
		if (block == NULL) {
			printf("memhog: step %ld/%ld: out of memory after %ld KiB (memory %zu KiB)\n", step, steps, held, __builtin_wasm_memory_size(0) * WASM_PAGE / 1024);
			return 1;
		}
		/* Through a volatile pointer: the compiler may not drop the writes, nor the allocation with them. */
		volatile char *touch = block;
		for (size_t at = 0; at < size; at += PAGE) touch[at] = (char)step;
		held += kib;
		printf("memhog: step %ld/%ld: holding %ld KiB, memory %zu KiB\n", step, steps, held, __builtin_wasm_memory_size(0) * WASM_PAGE / 1024);
		fflush(stdout);
	}
	return 0;
}
