#!/usr/bin/env bash
# Installs everything the build and the tests need on a Debian 12 machine (as root), and does
# nothing when it is all there already. Called by scripts/serve.sh and scripts/test.sh.
#   scripts/bootstrap.sh [native|wasm|browser|all]   (default: all)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}

need_native=(cmake g++ make ninja-build pkg-config ccache libgtest-dev libgmock-dev libbenchmark-dev
             nlohmann-json3-dev zlib1g-dev dpkg-dev ca-certificates)
need_wasm=(emscripten fonts-jetbrains-mono fonts-nanum fonts-symbola python3-fonttools)
need_browser=(chromium fonts-dejavu-core)
pkgs=("${need_native[@]}")
case "$what" in
  native) ;;
  wasm) pkgs+=("${need_wasm[@]}") ;;
  browser|all) pkgs+=("${need_wasm[@]}" "${need_browser[@]}") ;;
  *) echo "usage: $0 [native|wasm|browser|all]" >&2; exit 2 ;;
esac
# Node.js and npm: any node >= 18 will do; Debian's when the machine has none.
command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || pkgs+=(npm)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

apt_updated=0
apt_update() { [ "$apt_updated" = 1 ] || { echo "bootstrap: apt-get update"; apt-get update -qq; apt_updated=1; }; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  apt_update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Dear ImGui and yaml-cpp come as Debian source packages, unpacked into third_party/ (ignored by git).
tp="$here/third_party"
fetch_source() { # $1 = source package, $2 = folder name under third_party
  local pkg=$1 dir=$tp/$2
  [ -f "$dir/.unpacked" ] && return 0
  # apt needs a deb-src entry; derive one from the machine's own sources (no host named here).
  if ! grep -rqs '^Types:.*deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
      sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
        | $SUDO tee /etc/apt/sources.list.d/kubeplay-src.sources >/dev/null
    else
      grep -h '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
        | $SUDO tee /etc/apt/sources.list.d/kubeplay-src.list >/dev/null
    fi
    apt_updated=0
  fi
  apt_update
  mkdir -p "$tp/.src"
  rm -rf "$dir" "$tp/.src/$pkg"; mkdir -p "$tp/.src/$pkg"
  echo "bootstrap: fetching Debian source package $pkg"
  (cd "$tp/.src/$pkg" && apt-get source -qq --download-only "$pkg" >/dev/null \
     && dpkg-source --no-check -x ./*.dsc unpacked >/dev/null)
  mv "$tp/.src/$pkg/unpacked" "$dir"
  rm -rf "$tp/.src/$pkg"
  touch "$dir/.unpacked"
}
fetch_source imgui imgui
fetch_source yaml-cpp yaml-cpp

# Browser tests: playwright-core drives Debian's Chromium (it downloads no browser).
if [ "$what" = browser ] || [ "$what" = all ]; then
  bt="$here/tests/browser"
  if [ ! -d "$bt/node_modules/playwright-core" ]; then
    echo "bootstrap: npm ci (tests/browser)"
    (cd "$bt" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
fi
exit 0
