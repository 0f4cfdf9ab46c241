#!/bin/sh
# tests/e2e/lint.sh: `make lint` (the stage boundaries: only src/pdf/ includes
# libharu, src/pdf/pdf_content.* does not, only src/load/yaml_load.c includes
# <yaml.h>, only markup.c and import.c parse Markdown (<md4c.h>); a stage folder uses (includes, calls) only the folders
# scripts/stages allows it; only src/cli/ prints and reads the environment;
# every exported name takes
# the dp_ prefix; no include or call cycle between files beyond the known
# ones of scripts/cycles.known) runs from `make test` through this script.
#   lint/clean      `make lint` passes on the source tree
#   lint/catches/N  it fails on a copy of src/ broken in each of the ways it
#                   guards against (so it cannot pass whatever the source says)
#   lint/cycles/N   the same for a new include cycle and a new call cycle: the
#                   failure names the files of the cycle
#   lint/stages/N   the failure names the stages and files: layout including
#                   the writer's header, loading calling the writer, a print
#                   or a getenv outside src/cli/, an unprefixed exported
#                   name, a stage folder scripts/stages does not list
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
copy_tree() { # copy_tree NAME: $w, a copy of src/ and scripts/ with this tree's objects
    w=$tmp/$1
    mkdir -p "$w/build"
    cp -R src scripts "$w/"
    cp "$BUILD"/*.o "$BUILD"/*.d "$BUILD"/*.stamp "$w/build/" 2>/dev/null || true
}
broken() {
    copy_tree "$1"
    mkdir -p "$(dirname "$w/src/$2")"
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
broken md4c-in-text text/text.c '#include <md4c.h>'

# New cycles: arena.c including project.h (project.h includes arena.h), and
# calling dp_path_shown() of project.c (which allocates in arenas).
broken include-cycle util/arena.c '#include "project.h"'
if grep -q '^lint: new include cycle: arena -> project -> arena' "$tmp/include-cycle/log"; then
    pass "$T/cycles/include-names-files"
else
    fail "$T/cycles/include-names-files" "$(grep lint: "$tmp/include-cycle/log" | head -n 3)"
fi
broken call-cycle util/arena.c 'char *dp_path_shown(const char *path); char *dp_cycle_probe(void); char *dp_cycle_probe(void) { return dp_path_shown("x"); }'
if grep -q '^lint: new call cycle: arena -> project -> arena' "$tmp/call-cycle/log"; then
    pass "$T/cycles/call-names-files"
else
    fail "$T/cycles/call-names-files" "$(grep lint: "$tmp/call-cycle/log" | head -n 3)"
fi
# Stage folders: a use across folders that scripts/stages does not allow.
# expect NAME PATTERN: the failure of case NAME says PATTERN.
expect() {
    if grep -q "$2" "$tmp/$1/log"; then
        pass "$T/stages/$1-says-why"
    else
        fail "$T/stages/$1-says-why" "want '$2': $(grep lint: "$tmp/$1/log" | head -n 3)"
    fi
}
broken layout-includes-pdf layout/layout.c '#include "pdf_out.h"'
expect layout-includes-pdf '^lint: layout/ may not use pdf/: layout includes pdf_out'
broken load-calls-pdf load/deck.c 'const char *dp_pdf_library_version(void); const char *dp_probe_up(void); const char *dp_probe_up(void) { return dp_pdf_library_version(); }'
expect load-calls-pdf '^lint: load/ may not use pdf/: deck calls pdf_out (dp_pdf_library_version)'
broken prints-outside-cli layout/layout_qr.c 'void dp_probe_print(void); void dp_probe_print(void) { puts("x"); }'
expect prints-outside-cli '^lint: only src/cli/ prints: layout_qr uses puts'
broken getenv-below-cli layout/layout.c 'const char *dp_probe_env(void); const char *dp_probe_env(void) { return getenv("HOME"); }'
expect getenv-below-cli '^lint: the environment is read in src/cli/ (main.c), once: layout calls getenv'
broken unprefixed util/utf8.c 'int utf8_probe_unprefixed(void); int utf8_probe_unprefixed(void) { return 0; }'
expect unprefixed '^lint: exported names take the dp_ prefix: utf8_probe_unprefixed'
# a stage folder the rules do not list
broken new-stage svg/svg_out.c '#include "dlist.h"'
expect new-stage '^lint: src/svg/ is not in scripts/stages'

# The count is printed on every run (before/after numbers for a refactoring).
if grep -q '^cycles: [0-9]* cycle edges' "$tmp/clean.log"; then
    pass "$T/cycles/count"
else
    fail "$T/cycles/count" "no 'cycles: N cycle edges' line in make lint's output"
fi
