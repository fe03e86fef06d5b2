;; Hostile: unbounded recursion. The call depth limit (--max-call-depth, 10,000 by default) ends
;; it with status 137 before it can exhaust the host's stack.
(module
  (func $down (param $n i32) (result i32)
    (i32.add (call $down (i32.add (local.get $n) (i32.const 1))) (i32.const 1)))
  (func (export "_start")
    (drop (call $down (i32.const 0)))))
