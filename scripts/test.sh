#!/usr/bin/env bash
# The README's test command: installs what the tests need on a fresh Debian 12 machine with the .NET SDK,
# builds everything and runs every test project. Extra arguments go to `dotnet test`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/install-deps.sh"
cd "$ROOT"
dotnet build EdgeWasm.sln -c Release --nologo -v q -clp:ErrorsOnly
status=0
dotnet test EdgeWasm.sln -c Release --no-build --nologo --logger "console;verbosity=normal" "$@" || status=$?
# The spec runner writes its per-file pass counts here; show them in CI logs.
if [[ -f "$ROOT/artifacts/spec-summary.txt" ]]; then
  cat "$ROOT/artifacts/spec-summary.txt"
fi
exit $status
