#!/usr/bin/env bash
# Builds (Release) and runs the benchmarks: bash bench/run.sh [--limit N]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${GONGWEN_BUILD_DIR:-build}"
[ -f "$BUILD_DIR/CMakeCache.txt" ] || cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)" --target bench_pipeline bench_archive gongwen >/dev/null
echo "== pipeline over the work reports corpus"
"$BUILD_DIR/bench/bench_pipeline" "$@"
echo "== archive: plan + file + verify of a generated year (5,000 documents)"
"$BUILD_DIR/bench/bench_archive" 5000
echo "== layout: notice PDF/DOCX, 40-page report, LibreOffice ratio"; cmake --build "$BUILD_DIR" --target bench_layout >/dev/null && "$BUILD_DIR/bench/bench_layout"
echo "== issue: 2-page notices end to end (number, DOCX, PDF, seal, signature, registers, index)"; cmake --build "$BUILD_DIR" --target bench_issue >/dev/null && "$BUILD_DIR/bench/bench_issue" 200
echo "== search: 100,000 generated documents, query latency with facets, omindex (2,000 PDFs) and grep -r ratios"; cmake --build "$BUILD_DIR" --target bench_search >/dev/null && "$BUILD_DIR/bench/bench_search" 100000
echo "== demo (16 documents: submit, review, sign, issue, file, index, search)"
rm -rf /tmp/gongwen-bench-demo
/usr/bin/time -f "demo: %e s wall, %M KiB max RSS" "$BUILD_DIR/gongwen" demo /tmp/gongwen-bench-demo >/dev/null
rm -rf /tmp/gongwen-bench-demo
echo "== OCR of scanned 收文: CER and fields per scan variant, CPU seconds per page (docs/ocr.md)"
bash bench/ocr_bench.sh 8
