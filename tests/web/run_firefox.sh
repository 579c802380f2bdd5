#!/usr/bin/env bash
# ctest entry of the Firefox run: installs the npm packages (install_node_modules.sh), then
# drives /usr/bin/firefox-esr through the web desk.
# Usage: run_firefox.sh GONGWEN_BINARY SOURCE_DIR BUILD_OUT_DIR
set -euo pipefail
bin="$1"; src="$2"; out="$3"
node_dir="$out/node"
bash "$src/tests/web/install_node_modules.sh" "$src" "$out"
rm -rf "$out/screenshots-firefox"  # only this run's pictures
[ -x /usr/bin/firefox-esr ] || { echo "firefox-esr is missing: apt-get install firefox-esr (run.sh does)" >&2; exit 1; }
GW_BINARY="$bin" GW_SOURCE="$src" GW_ARTEFACTS="$out/screenshots-firefox" GW_NODE_DIR="$node_dir" \
  exec node "$src/tests/web/firefox.test.cjs"
