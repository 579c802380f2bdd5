#!/usr/bin/env bash
# CTest counts a test whose output holds "[  SKIPPED ]" as skipped, not failed, whatever its exit
# code, and gtest prints every test of a fixture whose SetUpTestSuite failed that way: a crash
# while a fixture set up its workspace then read as "100% tests passed" (the sanitizer pass
# found one so, issue 13). After ctest, this fails the run on any such set-up or tear-down
# failure in the log, naming the suite and what it printed.
set -euo pipefail
log=${1:-Testing/Temporary/LastTest.log}
[ -f "$log" ] || { echo "check_suite_setups: no ctest log at $log" >&2; exit 1; }
if grep -q "SetUpTestSuite or TearDownTestSuite" "$log"; then
  echo "A test fixture failed to set up or tear down (its tests were shown as skipped):" >&2
  grep -n "SetUpTestSuite or TearDownTestSuite" "$log" | sort -u -t: -k3 | head -20 >&2
  grep -n -B2 -A12 "reported a sanitizer finding\|Failure$" "$log" | head -60 >&2
  exit 1
fi
