#!/usr/bin/env bash
# The e2e and fuzz suites under AddressSanitizer + UndefinedBehaviorSanitizer in a build of their
# own (issue 13). `.ci/run` runs it after `bash run.sh test`; its time on 2 cores and what it
# found are in HACKING.md ("Sanitizers"). Any report fails: in a test binary (ASan aborts it),
# in a `gongwen` command or server a test started (tests/e2e/run_cli.hpp looks for the report
# in its output), or in a fuzz replay.
set -euo pipefail
cd "$(dirname "$0")/.."
# Only what the e2e and fuzz suites run (gongwen, e2e_tests and its helper, the fuzz replays),
# Debug with -O1 so the suites stay within CI time on 2 cores. The browser flows are left out:
# they test the pages, and they already ran in `run.sh test`.
asan_start=$(date +%s)
ASAN_DIR=${GONGWEN_ASAN_DIR:-build-asan}
SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$ASAN_DIR" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS="-O1 $SAN" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" "${launcher[@]}" >/dev/null
targets=(gongwen e2e_tests make_signed_drafts)
for f in tests/fuzz/*_fuzz.cpp; do targets+=("$(basename "$f" .cpp)"); done
cmake --build "$ASAN_DIR" -j"$(nproc)" --target "${targets[@]}" >"$ASAN_DIR/build.log" 2>&1 ||
  { grep -E "error" -A5 "$ASAN_DIR/build.log" | head -80 >&2; exit 1; }
build_end=$(date +%s)
# Leaks in a short-lived command are not what this pass looks for; every other report fails.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd "$ASAN_DIR" && ctest -j"$(nproc)" --output-on-failure --timeout 1800 -L 'e2e|fuzz' \
  -E 'web_browser_flow|web_firefox_flow|web_ofd_render|web_request_chromium|web_request_firefox')
bash tests/check_suite_setups.sh "$ASAN_DIR/Testing/Temporary/LastTest.log"
end=$(date +%s)
echo "sanitizer pass: $((end - asan_start)) s (build $((build_end - asan_start)) s, tests $((end - build_end)) s)"
