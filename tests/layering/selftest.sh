#!/usr/bin/env bash
# The layering check must fail on each kind of violation (a check that cannot fail is a defect):
# a tiny tree per rule, each expected to be refused, and one clean tree expected to pass.
set -uo pipefail
check="${1:?usage: selftest.sh CHECK_SCRIPT}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0
tree() {  # tree NAME FILE CONTENT: a fresh tree with one source file
  rm -rf "$tmp/$1"; mkdir -p "$tmp/$1/$(dirname "$2")"; printf '%s\n' "$3" >"$tmp/$1/$2"
}
expect() {  # expect pass|fail NAME
  if bash "$check" "$tmp/$2" >/dev/null; then got=pass; else got=fail; fi
  if [ "$got" = "$1" ]; then echo "ok   $2"; else echo "FAIL $2: expected $1, got $got"; fails=$((fails + 1)); fi
}
tree climb archive/src/a.cpp '#include "../../pipeline/src/docx/package.hpp"'; expect fail climb
tree private search/src/a.cpp '#include "pipeline/src/utf8.hpp"'; expect fail private
tree upward pipeline/src/a.cpp '#include "gongwen/archive/registry.hpp"'; expect fail upward
tree sideways archive/src/a.cpp '#include "gongwen/search/search_index.hpp"'; expect fail sideways
tree services_up services/src/a.cpp '#include "gongwen/app/x.hpp"'; expect fail services_up
tree public_sqlite archive/include/gongwen/archive/a.hpp '#include <sqlite3.h>'; expect fail public_sqlite
tree public_xapian search/include/gongwen/search/a.hpp '#include <xapian.h>'; expect fail public_xapian
tree clean services/src/a.cpp '#include "gongwen/archive/registry.hpp"
#include "gongwen/search/search_index.hpp"
#include <sqlite3.h>'; expect pass clean
[ $fails -eq 0 ] && echo "layering self-test: every violation is caught" || exit 1
