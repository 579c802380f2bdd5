#!/usr/bin/env bash
# Web desk benchmark: bash bench/web_bench.sh [N]   (default N = 100000)
# 1. a fresh workspace whose search index holds N generated documents (web_index_gen);
# 2. `gongwen serve` on a free loopback port;
# 3. the search API under 20 concurrent users with wrk (30 s; p95 printed by the Lua script);
# 4. the live preview of a 2-page draft (POST /api/preview + its 2 page PNGs), one user.
# Needs wrk (Debian package, in run.sh). Figures go to bench/README.md by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100000}"
BUILD_DIR="${GONGWEN_BUILD_DIR:-build}"
[ -f "$BUILD_DIR/CMakeCache.txt" ] || cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" -j2 --target gongwen web_index_gen >/dev/null
BIN="$BUILD_DIR/gongwen"
WORK="$(mktemp -d /tmp/gongwen-web-bench.XXXXXX)"
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

"$BIN" init "$WORK/ws" >/dev/null
echo 'bench-口令-2026' >"$WORK/pw"
"$BIN" -w "$WORK/ws" user passwd --all --new-password-file "$WORK/pw" >/dev/null
echo "== indexing $N generated documents"
/usr/bin/time -f "index: %e s wall, %M KiB max RSS" "$BUILD_DIR/bench/web_index_gen" "$WORK/ws/index" "$N"

"$BIN" -w "$WORK/ws" serve --listen 127.0.0.1:0 --threads 32 >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do grep -q listening "$WORK/serve.log" && break; sleep 0.1; done
BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.log")
LOGIN=$(curl -s -D "$WORK/h" -H 'Content-Type: application/json' \
  -d '{"user":"zhaoli","password":"bench-口令-2026"}' "$BASE/api/login")
COOKIE=$(grep -o 'gw_session=[0-9a-f]*' "$WORK/h")
CSRF=$(echo "$LOGIN" | sed 's/.*"csrf":"\([0-9a-f]*\)".*/\1/')

cat >"$WORK/search.lua" <<LUA
-- Rotates through typical office queries (words, a 文号, field filters), as 20 users would.
local queries = {"%E6%A3%AE%E6%9E%97%E9%98%B2%E7%81%AB", "%E9%98%B2%E6%B1%9B&year=2020",
  "%E5%AE%89%E5%85%A8%E7%94%9F%E4%BA%A7&kind=%E9%80%9A%E7%9F%A5", "%E7%99%BD%E6%94%BF%E5%8F%91%E3%80%942024%E3%80%95100%E5%8F%B7",
  "%E4%B9%A1%E6%9D%91%E6%8C%AF%E5%85%B4&page=3", "%E6%B2%B3%E5%8F%A3%E6%9D%91+%E8%80%95%E5%9C%B0%E4%BF%9D%E6%8A%A4"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/search?q=" .. queries[(i % #queries) + 1], {["Cookie"] = "$COOKIE"})
end
done = function(summary, latency, requests)
  io.write(string.format("search: %d requests, %d errors (non-2xx %d), p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
LUA
echo "== search API: 20 concurrent users, 30 s, $N documents"
wrk -t4 -c20 -d30s -s "$WORK/search.lua" "$BASE" | tail -1

# A notice of about 2 pages: 12 paragraphs of ~90 characters.
BODY=""
for i in $(seq 12); do BODY="${BODY}为切实做好冬春森林防火工作，各村要落实防火责任，加强火源管控，严守进山路口，组织干部、护林员开展巡查，确保不发生森林火灾，第${i}项工作于12月10日前完成并报乡党政办公室。\\n"; done
FORM="{\"template\":\"notice\",\"organ\":\"government\",\"title\":\"关于做好冬春森林防火工作的通知\",\"to\":\"各村民委员会\",\"date\":\"2026-11-18\",\"body\":\"$BODY\"}"
PAGES=$(curl -s -b "$COOKIE" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' -d "$FORM" "$BASE/api/preview" | sed 's/.*"pages":\([0-9]*\).*/\1/')
echo "== live preview of a $PAGES-page draft (render PDF, then both pages as PNG), 30 runs"
times=()
for i in $(seq 30); do
  t0=$(date +%s%N)
  ID=$(curl -s -b "$COOKIE" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' -d "$FORM" "$BASE/api/preview" | sed 's/.*"preview":"\([0-9a-f]*\)".*/\1/')
  t1=$(date +%s%N)
  for p in $(seq "$PAGES"); do curl -s -o /dev/null -b "$COOKIE" "$BASE/api/preview/$ID/$p.png"; done
  t2=$(date +%s%N)
  times+=("$(( (t1 - t0) / 1000000 )) $(( (t2 - t0) / 1000000 ))")
done
printf '%s\n' "${times[@]}" | sort -n -k1 | awk '{a[NR]=$1} END {printf "preview PDF: median %d ms, p95 %d ms\n", a[int(NR/2)+1], a[int(NR*0.95)]}'
printf '%s\n' "${times[@]}" | sort -n -k2 | awk '{a[NR]=$2} END {printf "preview PDF + all page PNGs: median %d ms, p95 %d ms\n", a[int(NR/2)+1], a[int(NR*0.95)]}'
