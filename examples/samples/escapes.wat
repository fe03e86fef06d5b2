;; Hostile: escape sequences on stdout: clears the screen, retitles the window, switches to the
;; alternate screen, moves the cursor and rings the bell. The terminal shows them neutralised.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "\1b[2J\1b]0;pwned\07\1b[?1049h\1b[10;10Hgotcha\07\1bc\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.const 40))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
