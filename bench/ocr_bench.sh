#!/usr/bin/env bash
# OCR quality and speed report (issue 19, docs/ocr.md): the demo's issued PDFs scanned as six
# variants, recognised on one core.   bash bench/ocr_bench.sh [MAX_DOCS] [STEPS_OFF]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${GONGWEN_BUILD_DIR:-build}"
cmake --build "$BUILD_DIR" --target bench_ocr gongwen >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && "$OLDPWD/$BUILD_DIR/gongwen" --clock 2026-11-20T09:00:00+08:00 demo >/dev/null)
ws="$work/demo-workspace"
sqlite3 -separator $'\t' "$ws/registry.sqlite3" \
  "select '$ws/' || pdf_path, issuer, number, title, date from issued order by id" > "$work/list.tsv"
export OMP_THREAD_LIMIT=1  # one core
"$BUILD_DIR/bench/bench_ocr" "$work/list.tsv" "${1:-1000}" "${2:-}"
