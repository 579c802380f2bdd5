#!/usr/bin/env bash
# The e2e and fuzz suites under AddressSanitizer + UndefinedBehaviorSanitizer in a build of their
# own (issue 13: a segfault in `serve` during /api/archive/verify was seen once and never
# reproduced without them). Not yet part of .ci/run: its time on CI's 2 cores and a clean run
# have still to be measured (HACKING.md, "Sanitizers").
set -euo pipefail
cd "$(dirname "$0")/.."
# The sanitizer pass: only what the e2e and fuzz suites run (gongwen, e2e_tests and its helper,
# the fuzz replays), Debug with -O1 so the suites stay within CI time on 2 cores. The browser
# flows are left out: they test the pages, and they already ran above.
asan_start=$(date +%s)
ASAN_DIR=build-asan
SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
cmake -S . -B "$ASAN_DIR" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS="-O1 $SAN" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
targets=(gongwen e2e_tests make_signed_drafts)
for f in tests/fuzz/*_fuzz.cpp; do targets+=("$(basename "$f" .cpp)"); done
cmake --build "$ASAN_DIR" -j"$(nproc)" --target "${targets[@]}" >"$ASAN_DIR.build.log" 2>&1 ||
  { grep -E "error" -A5 "$ASAN_DIR.build.log" | head -80 >&2; exit 1; }
# Leaks in a short-lived command are not what this pass looks for; every other report fails.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd "$ASAN_DIR" && ctest -j2 --output-on-failure --timeout 1800 -L 'e2e|fuzz' -E 'web_browser_flow|web_firefox_flow')
echo "sanitizer pass: $(( $(date +%s) - asan_start )) s"
