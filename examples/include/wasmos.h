/*
 * wasmos.h: the wasmos process ABI (import module "wasmos") and the sensor ABI for C programs
 * built with clang and wasi-libc:
 *
 *   clang --target=wasm32-wasi --sysroot=/usr -O2 -I examples/include prog.c -o prog.wasm
 *
 * Every raw call returns an int: >= 0 on success, a negative WASI errno on failure (-ENOENT ...:
 * wasi-libc's <errno.h> uses the same numbers). The wrappers below turn that into the usual C
 * convention: -1 with errno set. docs/abi.md documents every call, its errors and its layouts.
 */

#ifndef WASMOS_H
#define WASMOS_H

#include <errno.h>
#include <stdint.h>
#include <string.h>

#define WASMOS_IMPORT(name) __attribute__((import_module("wasmos"), import_name(name)))

/* The raw calls: results >= 0, or -errno. */
WASMOS_IMPORT("spawn") int __wasmos_spawn(const char *path, int path_len, char *const *argv, int argc, char *const *envp, int envc, const int *fds);
WASMOS_IMPORT("wait") int __wasmos_wait(int pid, void *status, int options);
WASMOS_IMPORT("kill") int __wasmos_kill(int pid, int sig);
WASMOS_IMPORT("getpid") int __wasmos_getpid(void);
WASMOS_IMPORT("getppid") int __wasmos_getppid(void);
WASMOS_IMPORT("pipe") int __wasmos_pipe(int *fds);
WASMOS_IMPORT("dup2") int __wasmos_dup2(int from, int to);
WASMOS_IMPORT("sleep") int __wasmos_sleep(int64_t ns);
WASMOS_IMPORT("yield") int __wasmos_yield(void);
WASMOS_IMPORT("setpriority") int __wasmos_setpriority(int pid, int nice);
WASMOS_IMPORT("getpriority") int __wasmos_getpriority(int pid, int *nice);

/* wait() options. */
#define WASMOS_WNOHANG 1

/* How a child ended (what wait() writes). */
enum wasmos_reason { WASMOS_EXITED = 0, WASMOS_SIGNALED = 1, WASMOS_TRAPPED = 2, WASMOS_LIMITED = 3 };

/* Limit numbers in `detail` when reason is WASMOS_LIMITED. */
enum wasmos_limit {
	WASMOS_LIMIT_MEMORY = 1, WASMOS_LIMIT_FUEL = 2, WASMOS_LIMIT_SYSCALLS = 3, WASMOS_LIMIT_FDS = 4,
	WASMOS_LIMIT_PROCESSES = 5, WASMOS_LIMIT_CALL_DEPTH = 6, WASMOS_LIMIT_TREE = 7,
};

struct wasmos_status {
	int32_t status; /* shell-style: exit code, 128+signal, 134 trap, 137 limit */
	int32_t reason; /* enum wasmos_reason */
	int32_t detail; /* exit code, signal number, 0, or enum wasmos_limit */
};

/* Signals: Linux's numbers. */
#define WASMOS_SIGINT 2
#define WASMOS_SIGKILL 9
#define WASMOS_SIGPIPE 13
#define WASMOS_SIGTERM 15
#define WASMOS_SIGCONT 18
#define WASMOS_SIGSTOP 19

static inline int __wasmos_result(int r) {
	if (r < 0) {
		errno = -r;
		return -1;
	}
	return r;
}

/*
 * Starts the program at `path` (absolute, or relative to the working directory) as a child:
 * argv is NULL-terminated (argv[0] included); envp NULL-terminated, or NULL for the caller's
 * environment; fds: the caller's fds that become the child's 0, 1, 2 (-1: /dev/null), or NULL
 * for the caller's 0, 1, 2. Returns the child's pid, or -1 with errno.
 */
static inline int wasmos_spawn(const char *path, char *const argv[], char *const envp[], const int fds[3]) {
	int argc = 0, envc = 0;
	while (argv[argc] != 0) argc++;
	if (envp != 0) while (envp[envc] != 0) envc++;
	return __wasmos_result(__wasmos_spawn(path, (int)strlen(path), argv, argc, envp, envc, fds));
}

/* Reaps child `pid` (-1: any), blocking until it ends unless WASMOS_WNOHANG (then 0 if none has). */
static inline int wasmos_wait(int pid, struct wasmos_status *status, int options) {
	return __wasmos_result(__wasmos_wait(pid, status, options));
}

/* Signals itself or a descendant (sig 0: only checks). */
static inline int wasmos_kill(int pid, int sig) { return __wasmos_result(__wasmos_kill(pid, sig)); }
static inline int wasmos_getpid(void) { return __wasmos_getpid(); }
static inline int wasmos_getppid(void) { return __wasmos_getppid(); }
/* fds[0] the read end, fds[1] the write end. */
static inline int wasmos_pipe(int fds[2]) { return __wasmos_result(__wasmos_pipe(fds)); }
static inline int wasmos_dup2(int from, int to) { return __wasmos_result(__wasmos_dup2(from, to)); }
/* Sleeps `ns` nanoseconds of virtual time. */
static inline int wasmos_sleep(int64_t ns) { return __wasmos_result(__wasmos_sleep(ns)); }
static inline int wasmos_yield(void) { return __wasmos_result(__wasmos_yield()); }
/* Nice values: -20 (first) .. 19 (last); pid 0 is the caller. */
static inline int wasmos_setpriority(int pid, int nice) { return __wasmos_result(__wasmos_setpriority(pid, nice)); }
static inline int wasmos_getpriority(int pid, int *nice) { return __wasmos_result(__wasmos_getpriority(pid, nice)); }

/*
 * The sensor ABI (import module "sensor"; the reference runtime's programs import "env"):
 * sensor ids 0 temperature (tenths of °C), 1 humidity (%), 2 pressure (hPa), 3 light (lux),
 * 4 motion (0/1), 5 battery (%); -EINVAL (-28) for an unknown id. Alert levels 0 info,
 * 1 warning, 2 critical. Messages appear in the event log.
 */
#define WASMOS_SENSOR_IMPORT(name) __attribute__((import_module("sensor"), import_name(name)))
WASMOS_SENSOR_IMPORT("read_sensor") int wasmos_read_sensor(int id);
WASMOS_SENSOR_IMPORT("log") void __wasmos_sensor_log(const char *msg, int len);
WASMOS_SENSOR_IMPORT("send_alert") void __wasmos_send_alert(const char *msg, int len, int level);

enum wasmos_sensor { WASMOS_TEMPERATURE = 0, WASMOS_HUMIDITY = 1, WASMOS_PRESSURE = 2, WASMOS_LIGHT = 3, WASMOS_MOTION = 4, WASMOS_BATTERY = 5 };
enum wasmos_alert_level { WASMOS_INFO = 0, WASMOS_WARNING = 1, WASMOS_CRITICAL = 2 };

static inline void wasmos_log(const char *msg) { __wasmos_sensor_log(msg, (int)strlen(msg)); }
static inline void wasmos_send_alert(const char *msg, int level) { __wasmos_send_alert(msg, (int)strlen(msg), level); }

#endif
