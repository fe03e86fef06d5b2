/*
 * forktree [-w WIDTH] [-p PATH] [DEPTH]: a process tree DEPTH levels deep (default 3), each node
 * spawning WIDTH children (default 2) through the wasmos ABI and waiting for them, in turn, so the
 * tree prints in order. Each node prints one indented line (its pid and its parent's); an inner
 * node exits with the number of processes in its subtree, which its parent adds up; the root
 * prints the total and exits 0 (1 when a child failed or could not be spawned). The children run
 * PATH (default: argv[0] when it names a file, else /bin/forktree).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wasmos.h"

static const char USAGE[] = "usage: forktree [-w WIDTH] [-p PATH] [DEPTH]\n";

int main(int argc, char **argv) {
	int depth = 3, width = 2, level = 0;
	const char *path = strchr(argv[0], '/') != NULL ? argv[0] : "/bin/forktree";
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			printf("%sSpawns a tree of processes DEPTH levels deep (default 3), WIDTH children per node\n"
			       "(default 2), waits for each, and prints the tree with each process's pid.\n", USAGE);
			return 0;
		} else if (strcmp(argv[i], "-w") == 0 && i + 1 < argc) {
			width = atoi(argv[++i]);
		} else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc) {
			path = argv[++i];
		} else if (strcmp(argv[i], "--level") == 0 && i + 1 < argc) {
			level = atoi(argv[++i]);
		} else if (argv[i][0] != '-' && atoi(argv[i]) > 0) {
			depth = atoi(argv[i]);
		} else {
			fprintf(stderr, "forktree: bad argument %s\n%s", argv[i], USAGE);
			return 2;
		}
	}
	if (width < 0 || width > 16 || depth > 16) {
		fprintf(stderr, "forktree: WIDTH must be 0..16 and DEPTH 1..16\n");
		return 2;
	}
	printf("%*s%s pid %d (parent %d)\n", 2 * level, "", level == 0 ? "root" : "└─", wasmos_getpid(), wasmos_getppid());
	fflush(stdout);
	int total = 1;
	int failed = 0;
	if (depth > 1) {
		char d[12], w[12], l[12];
		snprintf(d, sizeof d, "%d", depth - 1);
		snprintf(w, sizeof w, "%d", width);
		snprintf(l, sizeof l, "%d", level + 1);
		char *child_argv[] = {"forktree", "-w", w, "-p", (char *)path, "--level", l, d, NULL};
		for (int k = 0; k < width; k++) {
			int pid = wasmos_spawn(path, child_argv, NULL, NULL);
			if (pid < 0) {
				fprintf(stderr, "forktree: spawn %s: %s\n", path, strerror(errno));
				failed = 1;
				continue;
			}
			struct wasmos_status st;
			if (wasmos_wait(pid, &st, 0) < 0) {
				fprintf(stderr, "forktree: wait %d: %s\n", pid, strerror(errno));
				failed = 1;
				continue;
			}
			if (st.reason == WASMOS_EXITED) total += st.status;
			else {
				fprintf(stderr, "forktree: process %d ended with status %d\n", pid, st.status);
				failed = 1;
			}
		}
	}
	if (level > 0) return total & 0xff;
	printf("%d processes in the tree\n", total);
	return failed;
}
