#!/usr/bin/env bash
# Runs every test: installs what is missing, builds natively and runs the GoogleTest suites
# (once plain, once under AddressSanitizer + UndefinedBehaviorSanitizer), builds the
# WebAssembly site and runs the browser tests in headless Chromium.
#   scripts/test.sh            everything (what CI runs)
#   scripts/test.sh native     only the native suites (plain and sanitized)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
jobs=${KP_JOBS:-2}

if [ "$what" = native ]; then scripts/bootstrap.sh native; else scripts/bootstrap.sh all; fi
export NODE_PATH=/usr/share/nodejs

step() { printf '\n==> %s\n' "$*"; }

step "native build (gcc)"
cmake --preset native >/dev/null
cmake --build --preset native -j "$jobs"
step "native tests"
ctest --preset native -j "$jobs"

step "sanitizer build (ASan + UBSan)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
step "sanitizer tests"
ctest --preset asan -j "$jobs"

[ "$what" = native ] && exit 0

step "wasm build (Emscripten) -> build/site"
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j "$jobs"

step "browser tests (playwright-core + Debian Chromium)"
cd tests/browser
node --test
