#!/usr/bin/env bash
# Compiles every example (examples/NAME/NAME.c) to OUTDIR/NAME.wasm with clang for wasm32-wasi and wasi-libc:
#   examples/build.sh [OUTDIR]            (default examples/build)
# Debian 12: apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32 (scripts/install-deps.sh does it).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/build}"
mkdir -p "$out"
for src in "$here"/*/*.c; do
  name="$(basename "$src" .c)"
  # -lm: sensor-average uses sin(). --strip-debug drops DWARF (4/5 of the size) but keeps the name section, so traps
  # still show function names. Warnings are errors: examples are read by people.
  clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror -Wl,--strip-debug -o "$out/$name.wasm" "$src" -lm
done
