;; Hostile: writes far outside its linear memory (and so tries to reach the host's or another
;; process's). The engine bounds-checks every access: it traps (status 134).
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (i32.store (i32.const 0x7ffffff0) (i32.const 0xdeadbeef))))
