;; hello [NAME]: prints "Hello, NAME!" (NAME: world when none is given). The smallest program in
;; /bin, written by hand in WAT: it reads its arguments (args_sizes_get, args_get), writes to fd 1
;; or fd 2 (fd_write), and exits with status 2 for bad usage (proc_exit).
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)

  ;; Memory: 0 argc, 4 size of the argument strings, 8 an iovec, 16 bytes written; texts from 64;
  ;; argv pointers from 1024, then the argument strings (memory grows to hold them).
  (data (i32.const 64) "--help\00")
  (data (i32.const 80) "Hello, ")
  (data (i32.const 96) "world")
  (data (i32.const 112) "!\n")
  (data (i32.const 128) "usage: hello [NAME]\n")
  (data (i32.const 160) "Greets NAME (the world when none is given): the smallest WASI program in /bin.\n")
  (data (i32.const 256) "hello: one NAME at most\n")
  (data (i32.const 288) "hello: unknown option ")
  (data (i32.const 320) "\n")

  ;; Writes len bytes at ptr to fd, all of them (a pipe may take fewer per call); false on an error.
  (func $write (param $fd i32) (param $ptr i32) (param $len i32) (result i32)
    (loop $more
      (if (i32.eqz (local.get $len)) (then (return (i32.const 1))))
      (i32.store (i32.const 8) (local.get $ptr))
      (i32.store (i32.const 12) (local.get $len))
      (if (call $fd_write (local.get $fd) (i32.const 8) (i32.const 1) (i32.const 16)) (then (return (i32.const 0))))
      (local.set $ptr (i32.add (local.get $ptr) (i32.load (i32.const 16))))
      (local.set $len (i32.sub (local.get $len) (i32.load (i32.const 16))))
      (br $more))
    (unreachable))

  (func $strlen (param $p i32) (result i32)
    (local $n i32)
    (block $end
      (loop $next
        (br_if $end (i32.eqz (i32.load8_u (i32.add (local.get $p) (local.get $n)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $n))

  ;; Whether the NUL-terminated strings at a and b are equal.
  (func $streq (param $a i32) (param $b i32) (result i32)
    (local $c i32)
    (loop $next
      (local.set $c (i32.load8_u (local.get $a)))
      (if (i32.ne (local.get $c) (i32.load8_u (local.get $b))) (then (return (i32.const 0))))
      (if (i32.eqz (local.get $c)) (then (return (i32.const 1))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $next))
    (unreachable))

  ;; Loads argv: pointers at 1024, strings after them; returns argc.
  (func $load_args (result i32)
    (local $argc i32) (local $need i32)
    (drop (call $args_sizes (i32.const 0) (i32.const 4)))
    (local.set $argc (i32.load (i32.const 0)))
    (local.set $need (i32.add (i32.add (i32.const 1024) (i32.shl (local.get $argc) (i32.const 2))) (i32.load (i32.const 4))))
    (if (i32.gt_u (local.get $need) (i32.shl (memory.size) (i32.const 16)))
      (then
        (if (i32.lt_s (memory.grow (i32.sub (i32.shr_u (i32.add (local.get $need) (i32.const 65535)) (i32.const 16)) (memory.size))) (i32.const 0))
          (then (call $exit (i32.const 1))))))
    (drop (call $args_get (i32.const 1024) (i32.add (i32.const 1024) (i32.shl (local.get $argc) (i32.const 2)))))
    (local.get $argc))

  (func $usage_error (param $text i32) (param $len i32)
    (drop (call $write (i32.const 2) (local.get $text) (local.get $len)))
    (drop (call $write (i32.const 2) (i32.const 128) (i32.const 20)))
    (call $exit (i32.const 2)))

  (func (export "_start")
    (local $argc i32) (local $name i32) (local $len i32)
    (local.set $argc (call $load_args))
    (local.set $name (i32.const 96))
    (local.set $len (i32.const 5))
    (if (i32.ge_u (local.get $argc) (i32.const 2))
      (then
        (local.set $name (i32.load (i32.const 1028)))
        (local.set $len (call $strlen (local.get $name)))
        (if (call $streq (local.get $name) (i32.const 64))
          (then
            (drop (call $write (i32.const 1) (i32.const 128) (i32.const 20)))
            (drop (call $write (i32.const 1) (i32.const 160) (i32.const 79)))
            (return)))
        (if (i32.gt_u (local.get $argc) (i32.const 2))
          (then (call $usage_error (i32.const 256) (i32.const 24))))
        ;; "-x" is an option, and hello has none; a lone "-" is a name like any other.
        (if (i32.and (i32.eq (i32.load8_u (local.get $name)) (i32.const 45)) (i32.gt_u (local.get $len) (i32.const 1)))
          (then
            (drop (call $write (i32.const 2) (i32.const 288) (i32.const 22)))
            (drop (call $write (i32.const 2) (local.get $name) (local.get $len)))
            (call $usage_error (i32.const 320) (i32.const 1))))))
    (if (i32.eqz
          (i32.and (call $write (i32.const 1) (i32.const 80) (i32.const 7))
            (i32.and (call $write (i32.const 1) (local.get $name) (local.get $len))
              (call $write (i32.const 1) (i32.const 112) (i32.const 2)))))
      (then (call $exit (i32.const 1))))))
