#!/usr/bin/env bash
# ctest entry of the independent renderer (issue 16): installs the npm packages
# (install_node_modules.sh), then ofd.js in /usr/bin/chromium draws page 1 of every OFD the demo
# issues and ofd_render.test.cjs compares it with pdftoppm's page 1 of the PDF.
# Usage: run_ofd_render.sh GONGWEN_BINARY SOURCE_DIR BUILD_OUT_DIR
set -euo pipefail
bin="$1"; src="$2"; out="$3"
node_dir="$out/node"
bash "$src/tests/web/install_node_modules.sh" "$src" "$out"
rm -rf "$out/ofd-render"  # only this run's pictures
[ -x /usr/bin/chromium ] || { echo "chromium is missing: apt-get install chromium (run.sh does)" >&2; exit 1; }
for tool in pdftoppm unzip; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install poppler-utils unzip (run.sh does)" >&2; exit 1; }
done
GW_BINARY="$bin" GW_SOURCE="$src" GW_ARTEFACTS="$out/ofd-render" GW_NODE_DIR="$node_dir" \
  exec node "$src/tests/web/ofd_render.test.cjs"
