/*
 * spin [NAME [ROUNDS]]: burns CPU. Each round is a fixed amount of pure computation (a xorshift
 * generator stepped 100,000 times: about a million wasm instructions, with no import called inside
 * the loop, so only the scheduler's preemption takes the CPU away). Now and then it prints
 * "NAME: round R/ROUNDS": after every round up to 10 rounds, else every tenth of them (and every
 * 10th round when spinning forever). NAME defaults to "spin", ROUNDS to 10; ROUNDS 0 spins until
 * it is killed. At the end it prints a checksum of the computation, the same on every machine.
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] = "usage: spin [NAME [ROUNDS]]\n";

#define STEPS_PER_ROUND 100000

/* One round: the loop body is a few arithmetic instructions, no calls. */
static uint32_t round_of_work(uint32_t x) {
	for (int i = 0; i < STEPS_PER_ROUND; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
	}
	return x;
}

int main(int argc, char **argv) {
	if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
		printf("%sBurns CPU in rounds of about a million instructions with no system call inside them, printing\nNAME: round R/ROUNDS now and then (NAME spin, 10 rounds by default; 0 rounds: forever).\n", USAGE);
		return 0;
	}
	if (argc > 3) {
		fprintf(stderr, "spin: too many arguments\n%s", USAGE);
		return 2;
	}
	const char *name = argc >= 2 ? argv[1] : "spin";
	long rounds = 10;
	if (argc == 3) {
		char *end;
		errno = 0;
		rounds = strtol(argv[2], &end, 10);
		if (errno != 0 || end == argv[2] || *end != '\0' || rounds < 0) {
			fprintf(stderr, "spin: %s: ROUNDS must be a whole number >= 0\n%s", argv[2], USAGE);
			return 2;
		}
	}
	long every = rounds == 0 ? 10 : rounds <= 10 ? 1 : rounds / 10;
	uint32_t x = 2463534242u;
	for (long r = 1; rounds == 0 || r <= rounds; r++) {
		x = round_of_work(x);
		if (r % every != 0 && r != rounds) continue;
		if (rounds == 0) printf("%s: round %ld\n", name, r);
		else printf("%s: round %ld/%ld\n", name, r, rounds);
		fflush(stdout);
	}
	printf("%s: done, checksum %08x\n", name, (unsigned)x);
	return 0;
}
