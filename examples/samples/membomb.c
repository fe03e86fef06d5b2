/*
 * Hostile: a memory bomb: allocates 1 MiB after 1 MiB, touching every page, until malloc fails. memory.grow
 * past the memory limit (--max-memory) returns -1, so malloc returns NULL: it reports how far it
 * got and exits with status 1; the machine's memory stays within the cap.
 */

#include <stdio.h>
#include <stdlib.h>

/* Where each block goes, so the compiler cannot drop the allocations. */
static char *volatile last;

int main(void) {
	long mib = 0;
	for (;;) {
		char *p = malloc(1 << 20);
		if (p == NULL) break;
		/* Touch every page of it. */
		for (int at = 0; at < (1 << 20); at += 4096) ((volatile char *)p)[at] = (char)mib;
		last = p;
		mib++;
	}
	fprintf(stderr, "membomb: malloc failed after %ld MiB\n", mib);
	return 1;
}
