#!/bin/sh
# tests/e2e/lint.sh: `make lint` (the stage boundaries: only src/pdf/ includes
# libharu, src/pdf/pdf_content.* does not, only src/load/yaml_load.c includes
# <yaml.h>; no include or call cycle between files beyond the known ones of
# scripts/cycles.known) runs from `make test` through this script.
#   lint/clean      `make lint` passes on the source tree
#   lint/catches/N  it fails on a copy of src/ broken in each of the ways it
#                   guards against (so it cannot pass whatever the source says)
#   lint/cycles/N   the same for a new include cycle and a new call cycle: the
#                   failure names the files of the cycle
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

# broken NAME FILE LINE: a copy of src/ with LINE added to FILE must fail lint.
# The copy starts from this tree's objects (copied after the sources, so only
# FILE is compiled again).
broken() {
    w=$tmp/$1
    mkdir -p "$w/build"
    cp -R src scripts "$w/"
    cp "$BUILD"/*.o "$BUILD"/*.d "$BUILD"/*.stamp "$w/build/" 2>/dev/null || true
    printf '%s\n' "$3" >>"$w/src/$2"
    if mk -C "$w" -f "$DP_ROOT/Makefile" BUILD=build lint >"$w/log" 2>&1; then
        fail "$T/catches/$1" "make lint passed with '$3' in src/$2"
    elif grep -q '^lint: ' "$w/log"; then
        pass "$T/catches/$1"
    else
        fail "$T/catches/$1" "make lint failed without saying why: $(tail -n 2 "$w/log")"
    fi
}
broken hpdf-in-layout layout/layout.c '#include <hpdf.h>'
broken hpdf-in-content pdf/pdf_content.c '#include <hpdf.h>'
broken yaml-in-deck load/deck.c '#include <yaml.h>'

# New cycles: arena.c including build.h (build.h includes arena.h), and
# calling dp_path_shown() of build.c (which allocates in arenas).
broken include-cycle util/arena.c '#include "build.h"'
if grep -q '^lint: new include cycle: arena -> build -> arena' "$tmp/include-cycle/log"; then
    pass "$T/cycles/include-names-files"
else
    fail "$T/cycles/include-names-files" "$(grep lint: "$tmp/include-cycle/log" | head -n 3)"
fi
broken call-cycle util/arena.c 'char *dp_path_shown(const char *path); char *dp_cycle_probe(void); char *dp_cycle_probe(void) { return dp_path_shown("x"); }'
if grep -q '^lint: new call cycle: arena -> build -> arena' "$tmp/call-cycle/log"; then
    pass "$T/cycles/call-names-files"
else
    fail "$T/cycles/call-names-files" "$(grep lint: "$tmp/call-cycle/log" | head -n 3)"
fi
# The count is printed on every run (before/after numbers for a refactoring).
if grep -q '^cycles: [0-9]* cycle edges' "$tmp/clean.log"; then
    pass "$T/cycles/count"
else
    fail "$T/cycles/count" "no 'cycles: N cycle edges' line in make lint's output"
fi
