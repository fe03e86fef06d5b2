;; Hostile: writes to a pipe nobody reads: makes a pipe, closes its read end and writes. The write
;; fails with EPIPE and the PIPE signal ends the writer (status 141 = 128 + 13), as `yes | head -1`
;; ends yes.
(module
  (import "wasmos" "pipe" (func $pipe (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "anyone there?\n")
  (func (export "_start")
    (drop (call $pipe (i32.const 32)))
    (drop (call $close (i32.load (i32.const 32))))
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.const 14))
    (loop $again
      (drop (call $fd_write (i32.load (i32.const 36)) (i32.const 0) (i32.const 1) (i32.const 8)))
      (br $again))))
