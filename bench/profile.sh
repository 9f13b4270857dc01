#!/usr/bin/env bash
# Where our engine spends its time on one kernel. Samples every thread with perf (cpu-clock, 999 Hz) while the
# kernel harness runs the kernel under our engine, with .NET's perf map on so that generated wasm functions show
# up by name (WasmModule::f<index>, translated here to the name-section name) and the runtime's own code by method.
# Usage: bench/profile.sh KERNEL [edgewasm|edgewasm+fuel] [ROUNDS]
# Prints the share of samples by shared object (guest code = [JIT]; RyuJIT = libclrjit.so; GC and stubs =
# libcoreclr.so; the kernel = [kernel.kallsyms]) and the hottest symbols. Needs perf and wasm-objdump (wabt).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kernel="${1:?usage: bench/profile.sh KERNEL [edgewasm|edgewasm+fuel] [ROUNDS]}"
runner="${2:-edgewasm}"
rounds="${3:-3}"
command -v perf >/dev/null || { echo "profile: perf is not installed (Debian: linux-perf)" >&2; exit 1; }
dotnet build "$ROOT/bench/Benchmarks/Benchmarks.csproj" -c Release --nologo -v q -clp:ErrorsOnly >&2
out="$ROOT/artifacts/bench/profile"
mkdir -p "$out"
data="$out/$kernel-$runner.perf.data"

# Without W^X the JIT writes code in place, so perf can attribute samples through the perf map.
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -q -F 999 -g -o "$data" -- \
  dotnet "$ROOT/artifacts/bin/Benchmarks/release/EdgeWasm.Benchmarks.dll" kernels --only "$kernel" \
  --runners "$runner" --rounds "$rounds" --out "$out/$kernel-$runner.md" | grep -E '^\s+\[' >&2

# Only the harness process: leave out the native reference runs and the compiler.
comms="$(perf report -i "$data" --no-children --stdio --sort comm -g none 2>/dev/null | grep -E '^ +[0-9]' | sed -E 's/^ +[0-9.]+% +//; s/ +$//' \
  | grep -v -x -e "$kernel.native" -e clang -e node | paste -sd, -)"

# f<index> -> name from the module's name section.
names="$(wasm-objdump -x "$ROOT/artifacts/bench/$kernel.wasm" | sed -n 's/^ - func\[\([0-9]*\)\] <\(.*\)>$/\1 \2/p' | sort -u)"

# Sums perf's "share  comm  rest" rows by rest (optionally rewritten), since one guest runs on several threads.
summarize() {
  awk -v comms="$comms" -v names="$names" -v mode="$1" '
    BEGIN { nc = split(comms, cl, ","); n = split(names, lines, "\n")
            for (i = 1; i <= n; i++) { split(lines[i], kv, " "); name[kv[1]] = kv[2] } }
    /^ +[0-9.]+%/ {
      share = $1; sub(/%/, "", share)
      line = $0; sub(/^ +[0-9.]+% +/, "", line)
      for (i = 1; i <= nc; i++) if (index(line, cl[i]) == 1) { line = substr(line, length(cl[i]) + 1); break }
      sub(/^ +/, ""); sub(/^ +/, "", line); sub(/ +$/, "", line)
      if (mode == "sym") {
        sub(/^\[[.k]\] /, "", line)
        tier = ""; if (line ~ /\[MinOptJitted\]/) tier = "  (RyuJIT gave up optimizing: MinOpts)"
        if (match(line, /WasmModule::f[0-9]+/)) { idx = substr(line, RSTART + 13, RLENGTH - 13); line = "wasm f" idx " <" name[idx] ">" tier }
        else { sub(/\[Optimized\]$/, "", line); sub(/^[a-z0-9]+ \[[^]]*\] /, "", line) }
      } else if (line ~ /^\[JIT\]/) line = "[JIT] generated code (guest functions, stubs)"
      total[line] += share }
    END { for (k in total) printf "%7.2f%%  %s\n", total[k], k }' | sort -rn | head -"$2"
}

echo "== $kernel under $runner: samples by shared object (harness process only)"
perf report -i "$data" --comms "$comms" --percentage relative --no-children --stdio --sort comm,dso -g none 2>/dev/null | summarize dso 10
echo
echo "== hottest symbols (each wasm function summed over the runs' modules)"
perf report -i "$data" --comms "$comms" --percentage relative --no-children --stdio --sort comm,sym -g none 2>/dev/null | summarize sym 25
