#!/usr/bin/env bash
# The two commands of the README:
#   bash run.sh demo   installs what is missing, builds (Release) and runs the whole pipeline
#                      on samples/ in ./demo-workspace
#   bash run.sh test   installs what is missing, builds and runs every test (ctest)
# Both are idempotent and quiet when nothing is missing. Run as root on Debian 12.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

BUILD_DIR="${GONGWEN_BUILD_DIR:-build}"

# Every package the project needs, from Debian 12: toolchain, libraries, fonts, test tools.
PACKAGES=(
  build-essential cmake pkg-config
  libxml2-dev libzip-dev libcairo2-dev libpango1.0-dev libfontconfig-dev libharfbuzz-dev
  libpoppler-cpp-dev poppler-utils
  libxapian-dev xapian-tools xapian-omega
  libsqlite3-dev libssl-dev libicu-dev
  libtomlplusplus-dev libcli11-dev nlohmann-json3-dev
  libqpdf-dev qpdf libsodium-dev libopencc-dev libcpp-httplib-dev
  libgtest-dev libgmock-dev
  fonts-noto-cjk fonts-arphic-gkai00mp texlive-lang-chinese
  libreoffice-writer-nogui
  colord-data
  unzip zip sqlite3 openssl  # programs the tests call to open what we write (not in a bare Debian)
  chromium nodejs npm wrk  # web desk: browser tests (Playwright), load benchmark
  firefox-esr  # web desk: the same flow in Firefox (puppeteer-core over WebDriver BiDi)
  libxml2-utils  # xmllint: every OFD part against the GB/T 33190 schemas
  fontconfig  # fc-scan: the OFD's embedded font subsets are fonts (usually pulled in already)
  libtesseract-dev libleptonica-dev tesseract-ocr-chi-sim  # OCR of scanned 收文
  libcups2-dev cups cups-client printer-driver-cups-pdf  # 文印: printing, and a real CUPS server in the tests
  softhsm2  # a PKCS#11 token for the signer interface's second implementation
  libp11-kit-dev  # pkcs11.h, the PKCS#11 standard's header (the token's module is loaded with dlopen)
  strace  # the power-loss test traces the syscalls of an issue (fsync, rename, commit order)
)

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    case "$p" in nodejs|npm) command -v "${p/nodejs/node}" >/dev/null && continue ;; esac  # Node from another source is fine
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" != "installed" ]; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing ${#missing[@]} missing packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: packages are missing and this is not root; run as root or install them" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # texlive-lang-chinese carries the Fandol fonts (仿宋/楷体/黑体 stand-ins); without
  # recommends it stays about 100 MB instead of a full TeX installation.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The DOCX names the office's fonts (仿宋_GB2312, 楷体_GB2312, 黑体, 方正小标宋简体); this file
# maps them to the free faces our PDF is set in, so LibreOffice here lays out the same lines
# (docs/docx.md, "Fonts"). The tests point FONTCONFIG_FILE at it themselves; this makes every
# program on the machine see the same mapping.
install_font_names() {
  local conf=fonts/60-gongwen-office-fonts.conf dest=/etc/fonts/conf.d/60-gongwen-office-fonts.conf
  cmp -s "$conf" "$dest" 2>/dev/null && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "note: not root, $dest not installed (the tests use $conf directly)" >&2
    return 0
  fi
  install -m 644 "$conf" "$dest"
  fc-cache -f >/dev/null 2>&1 || true
}

build() {
  mkdir -p "$BUILD_DIR"
  if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
    cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >"$BUILD_DIR/configure.log" 2>&1 ||
      { cat "$BUILD_DIR/configure.log" >&2; exit 1; }
  fi
  cmake --build "$BUILD_DIR" -j"$(nproc)" >"$BUILD_DIR/build.log" 2>&1 ||
    { grep -E "error|Error" -A5 "$BUILD_DIR/build.log" | head -80 >&2; echo "build failed: see $BUILD_DIR/build.log" >&2; exit 1; }
}

case "${1:-}" in
  demo)
    install_missing
    install_font_names
    build
    shift
    exec "$BUILD_DIR/gongwen" --clock 2026-11-20T09:00:00+08:00 demo "$@"
    ;;
  test)
    install_missing
    install_font_names
    build
    cd "$BUILD_DIR"
    ctest --output-on-failure -j2 --timeout 900
    # A fixture that failed to set up shows its tests as skipped: fail on it (the script says why).
    bash "$ROOT/tests/check_suite_setups.sh" Testing/Temporary/LastTest.log
    ;;
  *)
    echo "usage: bash run.sh demo | bash run.sh test" >&2
    exit 2
    ;;
esac
