#!/usr/bin/env bash
# Installs the Debian packages EdgeWasm's tests and demo use, if any are missing. Idempotent.
#   clang lld wasi-libc libclang-rt-14-dev-wasm32   C -> wasm32-wasi for fixtures and examples
#   wabt                                             .wat fixtures (wat2wasm)
#   mosquitto libmosquitto1 mosquitto-clients        the MQTT broker and the client library we bind
#   docker-registry                                  a real OCI registry for module fetch tests
#   openssl                                          test CAs and independent SAS vectors
#   nodejs                                           V8, the reference engine of the engine's differential test
set -euo pipefail
PKGS=(clang lld wasi-libc libclang-rt-14-dev-wasm32 wabt mosquitto mosquitto-clients libmosquitto1 docker-registry openssl nodejs)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
for attempt in 1 2 3; do
  if $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; then
    # The Debian package starts a system-wide broker where systemd runs; tests start their own on free ports.
    exit 0
  fi
  echo "install-deps: apt failed (attempt $attempt), retrying" >&2
  sleep 3
done
echo "install-deps: could not install ${missing[*]}" >&2
exit 1
