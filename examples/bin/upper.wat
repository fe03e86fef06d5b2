;; upper: copies standard input to standard output with ASCII letters in upper case (other bytes,
;; UTF-8 included, pass unchanged). A filter for pipelines: `cat /etc/motd | upper | wc`. Written in
;; WAT: it reads fd 0 in chunks (fd_read) until end of file and writes each chunk out whole.
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)

  ;; Memory: 0 argc, 4 size of the argument strings, 8 an iovec, 16 bytes moved; texts from 64;
  ;; argv pointers from 1024 (then the strings); the data buffer is the second half of the page.
  (global $buf i32 (i32.const 32768))
  (global $buf_size i32 (i32.const 32768))
  (data (i32.const 64) "--help\00")
  (data (i32.const 128) "usage: upper\n")
  (data (i32.const 160) "Copies standard input to standard output with the ASCII letters in upper case.\n")
  (data (i32.const 256) "upper: takes no arguments (it reads standard input)\n")
  (data (i32.const 320) "upper: cannot read standard input\n")

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

  ;; Whether there is an argument (besides argv[0]); with --help, prints the help and exits.
  (func $check_args
    (local $argc i32)
    (drop (call $args_sizes (i32.const 0) (i32.const 4)))
    (local.set $argc (i32.load (i32.const 0)))
    (if (i32.lt_u (local.get $argc) (i32.const 2)) (then (return)))
    ;; Arguments too big for the space below the buffer are not --help anyway.
    (if (i32.le_u (i32.add (i32.add (i32.const 1024) (i32.shl (local.get $argc) (i32.const 2))) (i32.load (i32.const 4))) (global.get $buf))
      (then
        (drop (call $args_get (i32.const 1024) (i32.add (i32.const 1024) (i32.shl (local.get $argc) (i32.const 2)))))
        (if (i32.and (i32.eq (local.get $argc) (i32.const 2)) (call $streq (i32.load (i32.const 1028)) (i32.const 64)))
          (then
            (drop (call $write (i32.const 1) (i32.const 128) (i32.const 13)))
            (drop (call $write (i32.const 1) (i32.const 160) (i32.const 79)))
            (call $exit (i32.const 0))))))
    (drop (call $write (i32.const 2) (i32.const 256) (i32.const 52)))
    (drop (call $write (i32.const 2) (i32.const 128) (i32.const 13)))
    (call $exit (i32.const 2)))

  (func (export "_start")
    (local $got i32) (local $p i32) (local $end i32) (local $c i32)
    (call $check_args)
    (loop $chunk
      (i32.store (i32.const 8) (global.get $buf))
      (i32.store (i32.const 12) (global.get $buf_size))
      (if (call $fd_read (i32.const 0) (i32.const 8) (i32.const 1) (i32.const 16))
        (then
          (drop (call $write (i32.const 2) (i32.const 320) (i32.const 34)))
          (call $exit (i32.const 1))))
      (local.set $got (i32.load (i32.const 16)))
      (if (i32.eqz (local.get $got)) (then (return)))
      ;; a..z (97..122) become A..Z: clear bit 5.
      (local.set $p (global.get $buf))
      (local.set $end (i32.add (global.get $buf) (local.get $got)))
      (block $done
        (loop $byte
          (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
          (local.set $c (i32.load8_u (local.get $p)))
          (if (i32.lt_u (i32.sub (local.get $c) (i32.const 97)) (i32.const 26))
            (then (i32.store8 (local.get $p) (i32.and (local.get $c) (i32.const 0xdf)))))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $byte)))
      (if (i32.eqz (call $write (i32.const 1) (global.get $buf) (local.get $got)))
        (then (call $exit (i32.const 1))))
      (br $chunk))))
