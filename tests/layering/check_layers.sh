#!/usr/bin/env bash
# The layering rules of docs/architecture.md, checked on every #include of the libraries and
# the app (ctest: layering). Fails, naming file and line, on
#   - an include that climbs out of its folder ("../"),
#   - an include of another library's private src/ folder,
#   - a lower layer including a higher one (pipeline ← archive, search ← services ← app),
#   - a public header that exposes a third-party C/C++ library's types (libxml2, cairo, pango,
#     SQLite, Xapian, libzip, Poppler, OpenSSL, ICU).
# Usage: check_layers.sh SOURCE_DIR
set -uo pipefail
src="${1:?usage: check_layers.sh SOURCE_DIR}"
cd "$src" || exit 2

# What each layer may include of gongwen's public headers (gongwen/<lib>/...).
declare -A allowed=(
  [pipeline]="pipeline"
  [archive]="pipeline archive"
  [search]="pipeline search"
  [services]="pipeline archive search services"
  [app]="pipeline archive search services"
)
problems=0
report() { echo "$1: $2"; problems=$((problems + 1)); }

for layer in pipeline archive search services app; do
  [ -d "$layer" ] || continue
  while IFS= read -r hit; do
    file="${hit%%:*}"; rest="${hit#*:}"; line="${rest%%:*}"; text="${rest#*:}"
    inc=$(sed -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([^">]+)[">].*/\1/' <<<"$text")
    case "$inc" in
      ../*|*/../*) report "$file:$line" "include climbs out of its folder: $inc" ;;
    esac
    case "$inc" in
      */src/*|src/*) report "$file:$line" "include of a library's private src/ folder: $inc" ;;
    esac
    if [[ "$inc" == gongwen/*/* ]]; then
      lib="${inc#gongwen/}"; lib="${lib%%/*}"
      ok=0
      for a in ${allowed[$layer]}; do [ "$a" = "$lib" ] && ok=1; done
      [ $ok -eq 1 ] || report "$file:$line" "$layer may not include the higher layer $lib: $inc"
    fi
  done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include' --include='*.cpp' --include='*.hpp' --include='*.h' "$layer")
done

# Public headers: gongwen types only; third-party types stay behind the library's src/.
while IFS= read -r hit; do
  report "${hit%%:*}:$(cut -d: -f2 <<<"$hit")" "public header exposes a third-party library: $(cut -d: -f3- <<<"$hit")"
done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(libxml/|cairo|pango|sqlite3|xapian|zip\.h|poppler|openssl/|unicode/|hb\.h|harfbuzz|fontconfig|qpdf/|sodium|opencc|httplib)' \
  --include='*.hpp' --include='*.h' */include 2>/dev/null)

if [ $problems -gt 0 ]; then
  echo "$problems layering problem(s): see docs/architecture.md, \"Layers\""
  exit 1
fi
echo "layering: every include follows the rules"
