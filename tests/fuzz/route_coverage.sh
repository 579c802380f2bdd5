#!/usr/bin/env bash
# Every route of the web desk (srv.Get/Post/… in app/src/serve/) lies under the prefix of some
# HTTP fuzz target (tests/fuzz/http_*_fuzz.cpp): a new route family without a fuzz target fails
# here (issue 13). The static files' catch-all is covered by http_static_fuzz's "/".
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
prefixes=$(grep -ho '"/[^"]*"' "$root"/tests/fuzz/http_*_fuzz.cpp | tr -d '"' | sort -u)
[ -n "$prefixes" ] || { echo "no HTTP fuzz targets found under $root/tests/fuzz" >&2; exit 1; }
missing=0
count=0
while IFS= read -r route; do
  count=$((count + 1))
  # The literal start of a route: up to its first pattern character.
  literal=${route%%[\(\[\\]*}
  covered=
  for p in $prefixes; do
    if [ "$p" = "/" ]; then
      case $literal in /api/*) continue ;; esac  # the API's routes need a target of their own
    fi
    case $literal in "$p"*) covered=$p; break ;; esac
  done
  if [ -z "$covered" ]; then
    echo "route $route has no HTTP fuzz target (add its prefix to one in tests/fuzz/http_*_fuzz.cpp)" >&2
    missing=$((missing + 1))
  fi
done < <(grep -hoE 'srv\.(Get|Post|Put|Patch|Delete|Options)\((R"\()?"?[^",)]*' "$root"/app/src/serve/*.cpp |
         sed -E 's/^srv\.[A-Za-z]+\((R"\()?"?//')
[ "$count" -gt 20 ] || { echo "found only $count routes: the pattern no longer matches app/src/serve/" >&2; exit 1; }
[ "$missing" -eq 0 ] || exit 1
echo "$count routes, each under an HTTP fuzz target's prefix"
