#!/usr/bin/env bash
# Web desk benchmark: bash bench/web_bench.sh [N]   (default N = 100000)
# Environment: GONGWEN_BUILD_DIR (default build), THREADS (server threads, default 32),
# DURATION (wrk run, default 30s), PREVIEW_RUNS (default 30), KEEP_INDEX=DIR (reuse/keep the
# generated index there: building 100 000 documents takes minutes), SKIP_BUILD=1 (use the
# binaries as they are).
# 1. a fresh workspace whose search index holds N generated documents (web_index_gen);
# 2. `gongwen serve` on a free loopback port;
# 3. the search API under 20 concurrent users with wrk (30 s; p95 printed by the Lua script);
# 4. the live preview of a 2-page draft (POST /api/preview, then its page PNGs), one user.
# Needs wrk (Debian package, in run.sh). Figures go to bench/README.md by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100000}"
BUILD_DIR="${GONGWEN_BUILD_DIR:-build}"
[ -f "$BUILD_DIR/CMakeCache.txt" ] || cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
[ -n "${SKIP_BUILD:-}" ] || cmake --build "$BUILD_DIR" -j2 --target gongwen web_index_gen >/dev/null
BIN="$BUILD_DIR/gongwen"
WORK="$(mktemp -d /tmp/gongwen-web-bench.XXXXXX)"
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

"$BIN" init "$WORK/ws" >/dev/null
echo 'bench-口令-2026' >"$WORK/pw"
"$BIN" -w "$WORK/ws" user passwd --all --new-password-file "$WORK/pw" >/dev/null
if [ -n "${KEEP_INDEX:-}" ] && [ -f "$KEEP_INDEX/.done-$N" ]; then
  echo "== reusing the index of $N documents in $KEEP_INDEX"
else
  echo "== indexing $N generated documents"
  /usr/bin/time -f "index: %e s wall, %M KiB max RSS" "$BUILD_DIR/bench/web_index_gen" "${KEEP_INDEX:-$WORK/ws/index}" "$N"
  [ -n "${KEEP_INDEX:-}" ] && touch "$KEEP_INDEX/.done-$N"
fi
if [ -n "${KEEP_INDEX:-}" ]; then rm -rf "$WORK/ws/index"; ln -s "$(realpath "$KEEP_INDEX")" "$WORK/ws/index"; fi

THREADS="${THREADS:-32}"
"$BIN" -w "$WORK/ws" serve --listen 127.0.0.1:0 --threads "$THREADS" >"$WORK/serve.log" 2>&1 &
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
-- The server's own figures per request (Server-Timing search-cpu / refresh-cpu), gathered from
-- every wrk thread: what the query costs, apart from waiting for a core.
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function(args) cpu = "" end
response = function(status, headers, body)
  local st = headers["Server-Timing"]
  if st then
    local s = st:match("search%-cpu;dur=([%d%.]+)")
    local r = st:match("refresh%-cpu;dur=([%d%.]+)")
    if s and r then cpu = cpu .. (tonumber(s) + tonumber(r)) .. "," end
  end
end
request = function()
  i = i + 1
  return wrk.format("GET", "/api/search?q=" .. queries[(i % #queries) + 1], {["Cookie"] = "$COOKIE"})
end
done = function(summary, latency, requests)
  io.write(string.format("search: %d requests, %d errors (non-2xx %d), p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
  local all = {}
  for _, t in ipairs(threads) do
    for v in string.gmatch(t:get("cpu"), "([^,]+)") do all[#all + 1] = tonumber(v) end
  end
  table.sort(all)
  if #all > 0 then
    local sum = 0
    for _, v in ipairs(all) do sum = sum + v end
    io.write(string.format("search: server CPU per request (refresh + query + facets): mean %.1f ms, p50 %.1f ms, p95 %.1f ms (%d samples)\n",
      sum / #all, all[math.floor(#all * 0.5) + 1], all[math.floor(#all * 0.95) + 1], #all))
  end
end
LUA
echo "== search API: 20 concurrent users, ${DURATION:-30s}, $N documents, $THREADS server threads, $(nproc) cores"
wrk -t2 -c20 -d"${DURATION:-30s}" -s "$WORK/search.lua" "$BASE" | tail -2

# A notice of 2 pages: 6 paragraphs of ~90 characters (with the heading block and 版记). Each run changes the title so
# that the server really renders (the same text again is answered from its cache).
BODY=""
for i in $(seq "${PARAGRAPHS:-6}"); do BODY="${BODY}为切实做好冬春森林防火工作，各村要落实防火责任，加强火源管控，严守进山路口，组织干部、护林员开展巡查，确保不发生森林火灾，第${i}项工作于12月10日前完成并报乡党政办公室。\\n"; done
form() { echo "{\"template\":\"notice\",\"organ\":\"government\",\"title\":\"关于做好冬春森林防火工作的通知（第$1稿）\",\"to\":\"各村民委员会\",\"date\":\"2026-11-18\",\"body\":\"$BODY\"}"; }
post_preview() { curl -s -b "$COOKIE" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' -d "$1" "$BASE/api/preview"; }
PAGES=$(post_preview "$(form 0)" | sed 's/.*"pages":\([0-9]*\).*/\1/')
RUNS="${PREVIEW_RUNS:-30}"
[ "$PAGES" = 2 ] || echo "note: the draft has $PAGES pages, not 2 (PARAGRAPHS=${PARAGRAPHS:-6})"
echo "== live preview of a $PAGES-page draft, $RUNS runs (ms, wall time seen by curl on loopback)"
: >"$WORK/preview.txt"
# Server-Timing "NAME-cpu;dur=X" from a header dump: the server thread's CPU time.
cpu_of() { grep -io "$1-cpu;dur=[0-9.]*" "$2" | sed 's/.*=//' | head -1; }
for i in $(seq "$RUNS"); do
  F="$(form "$i")"
  t0=$(date +%s%N)
  ID=$(curl -s -D "$WORK/h0" -b "$COOKIE" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' -d "$F" "$BASE/api/preview" |
    sed 's/.*"preview":"\([0-9a-f]*\)".*/\1/')
  t1=$(date +%s%N)
  curl -s -o /dev/null -D "$WORK/h1" -b "$COOKIE" "$BASE/api/preview/$ID/1.png"
  t2=$(date +%s%N)
  rest=0
  for p in $(seq 2 "$PAGES"); do
    curl -s -o /dev/null -D "$WORK/h2" -b "$COOKIE" "$BASE/api/preview/$ID/$p.png"
    rest=$(echo "$rest + $(cpu_of raster "$WORK/h2")" | bc)
  done
  t3=$(date +%s%N)
  post_preview "$F" >/dev/null  # the same text again: from the cache
  t4=$(date +%s%N)
  r=$(cpu_of render "$WORK/h0"); p1=$(cpu_of raster "$WORK/h1")
  echo "$(( (t1 - t0) / 1000 )) $(( (t2 - t0) / 1000 )) $(( (t3 - t0) / 1000 )) $(( (t4 - t3) / 1000 ))" \
    "$(echo "$r * 1000" | bc)" "$(echo "($r + $p1) * 1000" | bc)" "$(echo "($r + $p1 + $rest) * 1000" | bc)" >>"$WORK/preview.txt"
done
stat() {  # column, label
  sort -n -k"$1" "$WORK/preview.txt" | awk -v c="$1" -v l="$2" '{a[NR]=$c} END {printf "%-58s median %6.1f ms, p95 %6.1f ms\n", l, a[int(NR/2)+1]/1000, a[int(NR*0.95)]/1000}'
}
echo "wall time seen by curl on loopback:"
stat 1 "  preview PDF (POST /api/preview, new text)"
stat 2 "  … + page 1 image (what the page shows first)"
stat 3 "  … + all $PAGES page images (reader scrolls to the end)"
stat 4 "  the same text again (cached)"
echo "server CPU time (Server-Timing render-cpu / raster-cpu), what an idle 1-core server would take:"
stat 5 "  render the PDF"
stat 6 "  … + rasterise page 1"
stat 7 "  … + rasterise all $PAGES pages"
