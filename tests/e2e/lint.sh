#!/bin/sh
# tests/e2e/lint.sh: `make lint` (the stage boundaries: only src/pdf_* include
# libharu, src/pdf_content.* does not, only src/yaml_load.c includes
# <yaml.h>) runs from `make test` through this script.
#   lint/clean      `make lint` passes on the source tree
#   lint/catches/N  it fails on a copy of src/ broken in each of the ways it
#                   guards against (so it cannot pass whatever the source says)
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=lint
need_tools "$T" make || exit 0
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory "$@"; }

tmp=$(dp_tmpdir)
if mk lint >"$tmp/clean.log" 2>&1; then
    pass "$T/clean"
else
    fail "$T/clean" "$(tail -n 3 "$tmp/clean.log")"
fi

# broken NAME FILE LINE: a copy of src/ with LINE added to FILE must fail lint
broken() {
    w=$tmp/$1
    mkdir -p "$w"
    cp -R src "$w/src"
    printf '%s\n' "$3" >>"$w/src/$2"
    if mk -C "$w" -f "$DP_ROOT/Makefile" lint >"$w/log" 2>&1; then
        fail "$T/catches/$1" "make lint passed with '$3' in src/$2"
    elif grep -q '^lint: ' "$w/log"; then
        pass "$T/catches/$1"
    else
        fail "$T/catches/$1" "make lint failed without saying why: $(tail -n 2 "$w/log")"
    fi
}
broken hpdf-in-layout layout.c '#include <hpdf.h>'
broken hpdf-in-content pdf_content.c '#include <hpdf.h>'
broken yaml-in-deck deck.c '#include <yaml.h>'
