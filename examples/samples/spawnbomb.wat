;; Hostile: a spawn bomb: spawns copies of itself (/bin/samples/spawnbomb, or
;; /bin/samples/spawnbomb.wasm) as fast as it can and never waits. Every copy joins its job's
;; process group, so --max-procs caps the job (EAGAIN), orphans included; the copies go on
;; retrying, yielding after each refusal, until the user kills the group.
(module
  (import "wasmos" "spawn" (func $spawn (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasmos" "yield" (func $yield (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "/bin/samples/spawnbomb.wasm")
  (data (i32.const 128) "spawnbomb\00")
  (data (i32.const 160) "\80\00\00\00")
  ;; spawn(path, len, argv = [128], argc 1, inherit env, inherit fds)
  (func $copy (param $len i32) (result i32)
    (call $spawn (i32.const 64) (local.get $len) (i32.const 160) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))
  (func (export "_start")
    (local $r i32)
    (loop $forever
      (local.set $r (call $copy (i32.const 22)))
      ;; -44 is -ENOENT: the file has its .wasm name
      (if (i32.eq (local.get $r) (i32.const -44)) (then (local.set $r (call $copy (i32.const 27)))))
      (if (i32.lt_s (local.get $r) (i32.const 0)) (then (drop (call $yield))))
      (br $forever))))
