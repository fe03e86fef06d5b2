;; Hostile: an infinite loop with no imports at all. It never makes a syscall, so only preemption
;; (the scheduler's quantum) keeps the others running, and only --fuel ends it (status 137).
(module
  (func (export "_start")
    (loop $forever (br $forever))))
