;; Hostile: tries to kill its parent and then PID 1 (the shell) with KILL. A process may signal
;; only itself and its descendants: both are EPERM, and it exits with status 1.
(module
  (import "wasmos" "kill" (func $kill (param i32 i32) (result i32)))
  (import "wasmos" "getppid" (func $getppid (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (func (export "_start")
    (local $a i32)
    (local $b i32)
    (local.set $a (call $kill (call $getppid) (i32.const 9)))
    (local.set $b (call $kill (i32.const 1) (i32.const 9)))
    ;; -63 is -EPERM: status 1 when both were refused, 0 if either got through
    (call $exit (i32.and (i32.eq (local.get $a) (i32.const -63)) (i32.eq (local.get $b) (i32.const -63))))))
