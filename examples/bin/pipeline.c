/*
 * pipeline [-n COUNT] [-k K] [-d NS]: runs producer -n COUNT | filter -k K -d NS | consumer -d NS
 * itself, through the wasmos ABI: two pipes, three spawns, dup2, and a wait for each child; then
 * prints each stage's exit status. The producer's standard output and the consumer's standard
 * input are given through spawn's fd mapping; the filter's through dup2 onto the pipeline's own
 * fds 0 and 1 (saved and restored around the spawn), which the child inherits.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "wasmos.h"

static const char USAGE[] = "usage: pipeline [-n COUNT] [-k K] [-d NS]\n";

static int must(int result, const char *what) {
	if (result < 0) {
		fprintf(stderr, "pipeline: %s: %s\n", what, strerror(errno));
		exit(1);
	}
	return result;
}

int main(int argc, char **argv) {
	char *count = "10000", *k = "1", *delay = "0";
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			printf("%sRuns /bin/producer | /bin/filter | /bin/consumer through two pipes it sets up\n"
			       "with pipe, spawn and dup2, waits for the three and prints their statuses. -d makes\n"
			       "the filter and the consumer sleep NS virtual nanoseconds now and then (slow readers).\n", USAGE);
			return 0;
		} else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
			count = argv[++i];
		} else if (strcmp(argv[i], "-k") == 0 && i + 1 < argc) {
			k = argv[++i];
		} else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc) {
			delay = argv[++i];
		} else {
			fprintf(stderr, "pipeline: bad argument %s\n%s", argv[i], USAGE);
			return 2;
		}
	}
	fflush(stdout);
	int a[2], b[2];
	must(wasmos_pipe(a), "pipe");
	must(wasmos_pipe(b), "pipe");

	char *producer_argv[] = {"producer", "-n", count, NULL};
	int producer_fds[3] = {0, a[1], 2};
	int producer = must(wasmos_spawn("/bin/producer", producer_argv, NULL, producer_fds), "spawn /bin/producer");

	/* The filter inherits fds 0 and 1: point ours at the pipes for the spawn, then put them back. */
	int saved_in = must(wasmos_dup2(0, 30), "dup2"), saved_out = must(wasmos_dup2(1, 31), "dup2");
	must(wasmos_dup2(a[0], 0), "dup2");
	must(wasmos_dup2(b[1], 1), "dup2");
	char *filter_argv[] = {"filter", "-k", k, "-d", delay, NULL};
	int filter = must(wasmos_spawn("/bin/filter", filter_argv, NULL, NULL), "spawn /bin/filter");
	must(wasmos_dup2(saved_in, 0), "dup2");
	must(wasmos_dup2(saved_out, 1), "dup2");
	close(saved_in);
	close(saved_out);

	char *consumer_argv[] = {"consumer", "-d", delay, NULL};
	int consumer_fds[3] = {b[0], 1, 2};
	int consumer = must(wasmos_spawn("/bin/consumer", consumer_argv, NULL, consumer_fds), "spawn /bin/consumer");

	/* Only the children may hold the pipes now, so end of file and EPIPE reach them. */
	close(a[0]);
	close(a[1]);
	close(b[0]);
	close(b[1]);

	const char *names[] = {"producer", "filter", "consumer"};
	int pids[] = {producer, filter, consumer};
	int statuses[3];
	for (int n = 0; n < 3; n++) {
		struct wasmos_status st;
		must(wasmos_wait(pids[n], &st, 0), "wait");
		statuses[n] = st.status;
	}
	for (int n = 0; n < 3; n++) printf("pipeline: %s (pid %d) exited with status %d\n", names[n], pids[n], statuses[n]);
	return statuses[0] | statuses[1] | statuses[2] ? 1 : 0;
}
