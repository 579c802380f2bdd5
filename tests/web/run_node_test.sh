#!/usr/bin/env bash
# ctest entry of the three browser tests (CMakeLists.txt): installs the npm packages
# (install_node_modules.sh), checks that the programs the test drives are there (their absence
# is a failure: run.sh installs them), then runs the test script with node.
# Usage: run_node_test.sh TEST_SCRIPT ARTEFACTS_NAME "PROGRAM…" GONGWEN_BINARY SOURCE_DIR BUILD_OUT_DIR
#   TEST_SCRIPT     flow.test.cjs (chromium), firefox.test.cjs, ofd_render.test.cjs (ofd.js)
#   ARTEFACTS_NAME  folder under BUILD_OUT_DIR for this run's pictures (emptied first)
#   PROGRAM…        space-separated programs the test needs, e.g. "/usr/bin/chromium pdftoppm"
set -euo pipefail
script="$1"; artefacts="$2"; programs="$3"; bin="$4"; src="$5"; out="$6"
node_dir="$out/node"
bash "$src/tests/web/install_node_modules.sh" "$src" "$out"
rm -rf "${out:?}/$artefacts"  # only this run's pictures
for p in $programs; do
  command -v "$p" >/dev/null || { echo "$p is missing: bash run.sh test installs it (its PACKAGES list)" >&2; exit 1; }
done
GW_BINARY="$bin" GW_SOURCE="$src" GW_ARTEFACTS="$out/$artefacts" GW_NODE_DIR="$node_dir" \
  exec node "$src/tests/web/$script"
