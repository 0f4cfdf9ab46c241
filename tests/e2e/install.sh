#!/bin/sh
# tests/e2e/install.sh: make install / make uninstall with PREFIX and DESTDIR.
# Builds a fresh binary into a private BUILD folder (the shared build/ keeps
# its own DATADIR) and installs it with PREFIX=$pfx (a folder that exists on
# no system, so the installed binary can only find the staged data) into a
# temporary DESTDIR.
#   build-tree     `make install` leaves the plain build in BUILD as it was,
#                  and the next `make BUILD/deckpress` rebuilds nothing (no
#                  file of BUILD changes)
#   files          bin/deckpress, share/deckpress/templates/*.yaml (the repo's),
#                  share/deckpress/fonts/, share/deckpress/*.schema.json,
#                  share/man/man1/deckpress.1 and
#                  share/bash-completion/completions/deckpress are there
#   datadir        the binary has $pfx/share/deckpress compiled in
#   version        the installed deckpress --version names its version and
#                  libharu, libyaml, fontconfig, FreeType and HarfBuzz with numbers
#   run-elsewhere  from another folder, with DECKPRESS_TEMPLATES and
#                  DECKPRESS_FONTS unset, the installed binary builds a copy
#                  of the meetup deck: valid slides and handout PDFs
#   needs-data     the same run fails (status 3) once the installed templates
#                  are moved away: it did use them, not the source tree
#   uninstall      removes every file install wrote and the share/deckpress
#                  folder, and nothing else (a file of the user's stays)
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=install
need_tools "$T" make cc pdfinfo qpdf || exit 0
t=$(dp_tmpdir)
dest=$t/root
bld=$t/build
pfx=/opt/deckpress-install-test
if [ -e "$pfx" ]; then
    fail "$T" "$pfx exists on this system: the staged copy could not be told from it"
    exit 0
fi
# A make from `make test` passes its flags down; this one is independent.
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -j4 "$@"; }
# every file of the build tree with its size and modification time
tree_state() { find "$bld" -path "$bld/install" -prune -o -type f -printf '%P %s %T@\n' | sort; }

if ! mk BUILD="$bld" "$bld/deckpress" >"$t/build.log" 2>&1; then
    fail "$T/make" "$(tail -n 5 "$t/build.log")"
    exit 0
fi
tree_state >"$t/tree.before"
if ! mk install PREFIX="$pfx" DESTDIR="$dest" BUILD="$bld" >"$t/install.log" 2>&1; then
    fail "$T/make-install" "$(tail -n 5 "$t/install.log")"
    exit 0
fi
pass "$T/make-install"
tree_state >"$t/tree.after"
mk BUILD="$bld" "$bld/deckpress" >"$t/rebuild.log" 2>&1 || true
tree_state >"$t/tree.again"
if ! cmp -s "$t/tree.before" "$t/tree.after"; then
    fail "$T/build-tree" "make install changed the build tree: $(diff "$t/tree.before" "$t/tree.after" | grep '^[<>]' | head -n 4 | tr '\n' ' ')"
elif ! cmp -s "$t/tree.before" "$t/tree.again"; then
    fail "$T/build-tree" "the make after make install rebuilt: $(grep -m 2 "^$CC\|^cc" "$t/rebuild.log" | cut -c1-120 | tr '\n' ' ')"
else
    pass "$T/build-tree"
fi

# ---------------------------------------------------------------- files
missing=
for f in ${pfx#/}/bin/deckpress ${pfx#/}/share/man/man1/deckpress.1 \
    ${pfx#/}/share/bash-completion/completions/deckpress \
    ${pfx#/}/share/deckpress/deck.schema.json ${pfx#/}/share/deckpress/template.schema.json; do
    [ -f "$dest/$f" ] || missing="$missing $f"
done
[ -d "$dest$pfx/share/deckpress/fonts" ] || missing="$missing share/deckpress/fonts/"
for f in templates/*.yaml; do
    cmp -s "$f" "$dest$pfx/share/deckpress/$f" || missing="$missing share/deckpress/$f"
done
[ -x "$dest$pfx/bin/deckpress" ] || missing="$missing (bin/deckpress not executable)"
if [ -n "$missing" ]; then
    fail "$T/files" "missing or different:$missing"
else
    pass "$T/files: $(find "$dest" -type f | wc -l) files"
fi

if grep -a -q "$pfx/share/deckpress" "$dest$pfx/bin/deckpress"; then
    pass "$T/datadir"
else
    fail "$T/datadir" "the installed binary does not contain $pfx/share/deckpress (DP_DATADIR)"
fi

# ---------------------------------------------------------------- run it
DPI=$dest$pfx/bin/deckpress
dp_run "$t/version" "$DPI" --version
problems=
first=$(first_line "$t/version/out")
case $first in "deckpress "[0-9]*) ;; *) problems="$problems first line [$first]" ;; esac
for lib in libharu libyaml fontconfig FreeType HarfBuzz; do
    grep -q "^$lib [0-9][0-9.]*\$" "$t/version/out" || problems="$problems $lib"
done
if [ "$rc" -ne 0 ]; then
    fail "$T/version" "$(dp_run_detail "$t/version")"
elif [ -n "$problems" ]; then
    fail "$T/version" "--version lacks:$problems"
else
    pass "$T/version: $(tr '\n' ' ' <"$t/version/out")"
fi

elsewhere=$t/elsewhere
mkdir -p "$elsewhere/talk"
cp decks/llm-founders-meetup.yaml "$elsewhere/talk/meetup.yaml"
run_elsewhere() { # DIR: build the copy from $elsewhere with the installed binary
    mkdir -p "$1"
    rc=0
    (cd "$elsewhere" && env -u DECKPRESS_TEMPLATES -u DECKPRESS_FONTS \
        timeout "$DP_TIMEOUT" "$DPI" build talk/meetup.yaml -o "$1/pdf") \
        </dev/null >"$1/out" 2>"$1/err" || rc=$?
}
run_elsewhere "$t/run"
bad=
for f in "$t/run/pdf/meetup.slides.pdf" "$t/run/pdf/meetup.handout.pdf"; do
    if ! pdfinfo "$f" >/dev/null 2>&1 || ! qpdf --check "$f" >/dev/null 2>&1; then
        bad="$bad $(basename "$f")"
    fi
done
if [ "$rc" -ne 0 ]; then
    fail "$T/run-elsewhere" "status $rc: $(head -n 3 "$t/run/err")"
elif [ -n "$bad" ]; then
    fail "$T/run-elsewhere" "not a valid PDF:$bad"
else
    pass "$T/run-elsewhere: $(pdfinfo "$t/run/pdf/meetup.slides.pdf" | sed -n 's/^Pages: *//p') slides"
fi

mv "$dest$pfx/share/deckpress/templates" "$t/templates.away"
run_elsewhere "$t/run2"
mv "$t/templates.away" "$dest$pfx/share/deckpress/templates"
if [ "$rc" -eq 3 ] && grep -q 'template' "$t/run2/err"; then
    pass "$T/needs-data"
else
    fail "$T/needs-data" "without the installed templates: status $rc (want 3): $(first_line "$t/run2/err")"
fi

# ---------------------------------------------------------------- uninstall
echo "name: mine" >"$dest$pfx/share/deckpress/templates/mine.yaml"
if ! mk uninstall PREFIX="$pfx" DESTDIR="$dest" BUILD="$bld" >"$t/uninstall.log" 2>&1; then
    fail "$T/uninstall" "$(tail -n 5 "$t/uninstall.log")"
    exit 0
fi
left=$(cd "$dest" && find . \( -type f -o -type l \) | sort | tr '\n' ' ')
if [ "$left" != ".$pfx/share/deckpress/templates/mine.yaml " ]; then
    fail "$T/uninstall" "want only the user's mine.yaml left, got: [$left]"
else
    rm "$dest$pfx/share/deckpress/templates/mine.yaml"
    mk uninstall PREFIX="$pfx" DESTDIR="$dest" BUILD="$bld" >"$t/uninstall.log" 2>&1 || true
    if [ -e "$dest$pfx/share/deckpress" ]; then
        fail "$T/uninstall" "share/deckpress is left behind: $(find "$dest$pfx/share/deckpress" | tr '\n' ' ')"
    else
        pass "$T/uninstall: nothing left behind, a user's file kept"
    fi
fi
