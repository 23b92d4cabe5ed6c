#!/usr/bin/env bash
# Builds the playground (WebAssembly) and serves it at http://127.0.0.1:8080 (loopback only).
#   scripts/serve.sh [port]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8080}
scripts/bootstrap.sh wasm
export NODE_PATH=/usr/share/nodejs
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j "${KP_JOBS:-2}"
echo "kubeplay: serving build/site at http://127.0.0.1:${port}/ (Ctrl+C stops)"
exec node scripts/static-server.mjs "$port" build/site
