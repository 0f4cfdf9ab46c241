#!/bin/sh
# Install the Debian packages deckpress needs to build, render and test.
# Idempotent: when everything is present it only asks dpkg and exits (a few ms).
# Usage: scripts/setup.sh [build|test|bench|fuzz]   (test adds the PDF checkers and tools)
# DP_SETUP_PRINT=1 prints the packages it wants and installs nothing;
# DP_DECKS=DIR looks at the decks in DIR instead of decks/ (for tests).
set -eu

BUILD_PKGS="gcc g++ make pkg-config libhpdf-dev libyaml-dev libfontconfig-dev \
libfreetype-dev libharfbuzz-dev libunibreak-dev libfribidi-dev libpng-dev libqrencode-dev libdeflate-dev libmd4c-dev libsource-highlight-dev libicu-dev \
fonts-wqy-microhei fonts-lxgw-wenkai fonts-manrope fonts-dejavu-core \
icc-profiles-free"
# libicu-dev: word boundaries of Chinese headlines (text.c).
# icc-profiles-free: the sRGB profile of the PDF/A output intent (pdf_meta.c).
TEST_PKGS="libcmocka-dev poppler-utils qpdf mupdf-tools python3 valgrind clang"
# tests/e2e/cff.sh and glyphs.sh: OpenType/CFF fonts (Noto CJK: CID-keyed;
# URW's .otf: name-keyed, and Type 1 files to refuse), Ghostscript as the
# third renderer.
TEST_PKGS="$TEST_PKGS fonts-noto-cjk fonts-urw-base35 ghostscript"
# tests/e2e/qr.sh: a real scanner reads the closing slide's QR code.
TEST_PKGS="$TEST_PKGS zbar-tools"
# tests/e2e/schema.sh (YAML and JSON Schema in Python), manpage.sh (groff),
# terminal.sh (script(1) for a pseudo-terminal), completion.sh (bash).
TEST_PKGS="$TEST_PKGS python3-yaml python3-jsonschema groff-base bsdutils bash"
# make bench (bench/run.sh) and make fuzz (clang-14 only recommends the
# runtime that holds libFuzzer, libclang-rt-14-dev).
BENCH_PKGS="hyperfine time python3"
FUZZ_PKGS="clang libclang-rt-dev python3"

# fonts-noto-cjk (a 60 MB download) only when a deck of decks/ asks for
# templates/noto.yaml, which uses it.
decks=${DP_DECKS:-$(dirname "$0")/../decks}
if grep -l -E '^template: *["'"'"']?noto["'"'"']? *(#.*)?$' "$decks"/*.yaml >/dev/null 2>&1; then
    BUILD_PKGS="$BUILD_PKGS fonts-noto-cjk"
fi

want="$BUILD_PKGS"
case ${1:-build} in
    test) want="$want $TEST_PKGS" ;;
    bench) want="$want $BENCH_PKGS" ;;
    fuzz) want="$want $FUZZ_PKGS" ;;
esac

if [ -n "${DP_SETUP_PRINT:-}" ]; then
    echo $want
    exit 0
fi

# dpkg-query prints one status line per known package; anything not
# "install ok installed" is missing.
missing=""
for p in $want; do
    s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$s" = "install ok installed" ] || missing="$missing $p"
done
# tests/e2e/tagged.sh runs pdf.js under node: Debian's nodejs and npm, unless
# a node and npm are there already (a NodeSource nodejs carries its own npm,
# and Debian's npm would conflict with it).
if [ "${1:-build}" = test ]; then
    command -v node >/dev/null 2>&1 || missing="$missing nodejs"
    command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi
js_dir="$(dirname "$0")/../tests/js"
js_missing() { [ "${1:-build}" = test ] && [ -f "$js_dir/package-lock.json" ] &&
    [ ! -f "$js_dir/node_modules/pdfjs-dist/package.json" ]; }
[ -z "$missing" ] && ! js_missing "${1:-build}" && exit 0

if [ -n "$missing" ]; then
echo "setup: installing:$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
fi

# pdf.js (npm pdfjs-dist, pinned in tests/js/package-lock.json) for the tests
if js_missing "${1:-build}"; then
    echo "setup: npm ci in tests/js (pdfjs-dist)" >&2
    # without the registry the tests still run; tests/e2e/tagged.sh says what is missing
    npm ci --prefix "$js_dir" --no-audit --no-fund --loglevel=error >&2 ||
        echo "setup: npm ci in tests/js failed: the pdf.js checks will fail" >&2
fi
