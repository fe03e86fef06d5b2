;; Hostile: a syscall flood: asks for its pid as fast as it can, forever. Every call is logged;
;; --max-syscalls ends it (status 137, "syscall quota").
(module
  (import "wasmos" "getpid" (func $getpid (result i32)))
  (func (export "_start")
    (loop $forever
      (drop (call $getpid))
      (br $forever))))
