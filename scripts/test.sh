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

# How long each stage took (bash's SECONDS), printed at the end, and also when a stage fails
# (the EXIT trap), naming the stage that failed.
stage_times=()
stage=""
stage_began=$SECONDS
end_stage() {
  if [ -n "$stage" ]; then stage_times+=("$stage $((SECONDS - stage_began)) s"); fi
  stage=""
}
begin_stage() {
  end_stage
  stage=$1
  stage_began=$SECONDS
}
print_stage_times() {
  local code=$? failed=$stage summary=""
  end_stage
  for t in ${stage_times[@]+"${stage_times[@]}"}; do summary+="${summary:+, }$t"; done
  printf '\n==> stage times: %s (total %d s)\n' "$summary" "$SECONDS"
  if [ "$code" -ne 0 ] && [ -n "$failed" ]; then printf '==> failed in stage: %s (exit code %d)\n' "$failed" "$code"; fi
}
trap print_stage_times EXIT

# A stage's heading; its name in the summary is the heading up to " (" ("native build").
step() {
  begin_stage "${1%% (*}"
  printf '\n==> %s\n' "$*"
}

begin_stage bootstrap
if [ "$what" = native ]; then scripts/bootstrap.sh native; else scripts/bootstrap.sh all; fi
export NODE_PATH=/usr/share/nodejs

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
