;; yes [TEXT...]: prints TEXT (its words joined by spaces; "y" when none is given) and a newline,
;; again and again, until the reader goes away (a broken pipe ends it) or it is killed. Written in
;; WAT: it builds the line once, copies it into a block of whole lines about 4 KiB long, and writes
;; the block in a loop, so the loop costs one fd_write per block.
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)

  ;; Memory: 0 argc, 4 size of the argument strings, 8 an iovec, 16 bytes written; texts from 64;
  ;; argv pointers from 1024, then the strings, then the line, then the block (memory grows to fit).
  (data (i32.const 64) "--help\00")
  (data (i32.const 80) "y\00")
  (data (i32.const 128) "usage: yes [TEXT...]\n")
  (data (i32.const 160) "Prints TEXT (y when none is given) on a line of its own, again and again, until the reader goes away.\n")
  (data (i32.const 320) "yes: not enough memory for the text\n")

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

  ;; Appends the NUL-terminated string at src to dst; returns the new end of dst.
  (func $append (param $dst i32) (param $src i32) (result i32)
    (local $c i32)
    (block $end
      (loop $next
        (local.set $c (i32.load8_u (local.get $src)))
        (br_if $end (i32.eqz (local.get $c)))
        (i32.store8 (local.get $dst) (local.get $c))
        (local.set $dst (i32.add (local.get $dst) (i32.const 1)))
        (local.set $src (i32.add (local.get $src) (i32.const 1)))
        (br $next)))
    (local.get $dst))

  (func (export "_start")
    (local $argc i32) (local $strings i32) (local $line i32) (local $end i32) (local $len i32)
    (local $block i32) (local $fill i32) (local $i i32) (local $need i32)
    (drop (call $args_sizes (i32.const 0) (i32.const 4)))
    (local.set $argc (i32.load (i32.const 0)))
    (local.set $strings (i32.add (i32.const 1024) (i32.shl (local.get $argc) (i32.const 2))))
    ;; The line is at most the strings' size plus 2; the block at most 4096 plus a line.
    (local.set $line (i32.add (local.get $strings) (i32.load (i32.const 4))))
    (local.set $need (i32.add (i32.add (local.get $line) (i32.shl (i32.add (i32.load (i32.const 4)) (i32.const 2)) (i32.const 1))) (i32.const 4096)))
    (if (i32.gt_u (local.get $need) (i32.shl (memory.size) (i32.const 16)))
      (then
        (if (i32.lt_s (memory.grow (i32.sub (i32.shr_u (i32.add (local.get $need) (i32.const 65535)) (i32.const 16)) (memory.size))) (i32.const 0))
          (then
            (drop (call $write (i32.const 2) (i32.const 320) (i32.const 36)))
            (call $exit (i32.const 1))))))
    (drop (call $args_get (i32.const 1024) (local.get $strings)))
    (if (i32.eq (local.get $argc) (i32.const 2))
      (then
        (if (call $streq (i32.load (i32.const 1028)) (i32.const 64))
          (then
            (drop (call $write (i32.const 1) (i32.const 128) (i32.const 21)))
            (drop (call $write (i32.const 1) (i32.const 160) (i32.const 102)))
            (return)))))
    ;; The line: the arguments joined by spaces (or "y"), and a newline.
    (local.set $end (local.get $line))
    (if (i32.lt_u (local.get $argc) (i32.const 2))
      (then (local.set $end (call $append (local.get $end) (i32.const 80)))))
    (local.set $i (i32.const 1))
    (block $joined
      (loop $arg
        (br_if $joined (i32.ge_u (local.get $i) (local.get $argc)))
        (if (i32.gt_u (local.get $i) (i32.const 1))
          (then
            (i32.store8 (local.get $end) (i32.const 32))
            (local.set $end (i32.add (local.get $end) (i32.const 1)))))
        (local.set $end (call $append (local.get $end) (i32.load (i32.add (i32.const 1024) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $arg)))
    (i32.store8 (local.get $end) (i32.const 10))
    (local.set $len (i32.sub (i32.add (local.get $end) (i32.const 1)) (local.get $line)))
    ;; The block: whole copies of the line, until it holds 4096 bytes or more.
    (local.set $block (i32.add (local.get $line) (local.get $len)))
    (local.set $fill (i32.const 0))
    (loop $copy
      (memory.copy (i32.add (local.get $block) (local.get $fill)) (local.get $line) (local.get $len))
      (local.set $fill (i32.add (local.get $fill) (local.get $len)))
      (br_if $copy (i32.lt_u (local.get $fill) (i32.const 4096))))
    (loop $forever
      (br_if $forever (call $write (i32.const 1) (local.get $block) (local.get $fill))))
    (call $exit (i32.const 1))))
