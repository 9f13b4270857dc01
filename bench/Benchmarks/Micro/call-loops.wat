;; Call micro-benchmarks next to Engine/BoundaryBenchmarks (tests/fixtures/wat/calls.wat): each loop calls one kind of
;; callee n times and sums the results, so the time per call is the loop's time divided by n.
(module
  (import "host" "typed_caller" (func $typed_caller (param i32) (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) $next)
  (type $unary (func (param i32) (result i32)))

  (func $next (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))

  ;; a host function that takes the Caller
  (func (export "loop_typed_caller") (param $n i32) (result i32) (local $acc i32)
    (loop $again
      (local.set $acc (i32.add (local.get $acc) (call $typed_caller (local.get $n))))
      (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc))

  ;; the same loop calling a wasm function directly (RyuJIT may inline it) and through the table
  (func (export "loop_wasm") (param $n i32) (result i32) (local $acc i32)
    (loop $again
      (local.set $acc (i32.add (local.get $acc) (call $next (local.get $n))))
      (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc))

  (func (export "loop_indirect") (param $n i32) (result i32) (local $acc i32)
    (loop $again
      (local.set $acc (i32.add (local.get $acc) (call_indirect (type $unary) (local.get $n) (i32.const 0))))
      (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc))

  (func (export "nop"))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
)
