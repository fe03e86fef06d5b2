/*
 * Hostile: tries to write into a read-only mount (--dir HOST::GUEST:ro): creates, then truncates,
 * then removes PATH (default /mnt/ro/pwned). Each is refused with EROFS; it reports each refusal
 * and exits with status 1 (0 would mean a write got through).
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
	const char *path = argc > 1 ? argv[1] : "/mnt/ro/pwned";
	int through = 0;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) fprintf(stderr, "rowrite: create %s: %s\n", path, strerror(errno));
	else {
		through = 1;
		close(fd);
	}
	if (truncate(path, 0) < 0) fprintf(stderr, "rowrite: truncate %s: %s\n", path, strerror(errno));
	else through = 1;
	if (unlink(path) < 0) fprintf(stderr, "rowrite: unlink %s: %s\n", path, strerror(errno));
	else through = 1;
	return through ? 0 : 1;
}
