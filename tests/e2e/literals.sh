#!/bin/sh
# No position literals in the layout code of slides, booklet and N-up sheets
# (issue 13 point 1): every
# number in it is 0, 1, 2 or 0.5, or listed with its reason in
# tests/e2e/literals.allow (tolerances, unit conversions, standards'
# constants, buffer sizes); positions, sizes, gaps and grid columns come
# from the template's geometry: and handout: (tests/e2e/literals.py does the check).
#   literals/FILE    one check per layout file
#   literals/catch   the check fails on a copy of layout_qa.c with a
#                    position literal put back (y = 172)
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
need_tools literals "$PY" || exit 0
tmp=$(dp_tmpdir)
files=
for f in src/layout*.c src/impose.c src/layout/*.c src/handout/*.c; do
    [ -f "$f" ] && files="$files $f"
done
if [ -z "$files" ]; then
    fail literals "no layout files found under src/"
    exit 0
fi
# shellcheck disable=SC2086
"$PY" tests/e2e/literals.py tests/e2e/literals.allow $files >"$tmp/res"
record_lines "$tmp/res" literals

qa=$(for f in $files; do case $f in *layout_qa.c) echo "$f" ;; esac; done)
sed 's/qa_fit f = {.q_top = .*,/qa_fit f = {.q_top = 172,/' "$qa" >"$tmp/layout_qa.c"
if ! grep -q 'q_top = 172,' "$tmp/layout_qa.c"; then
    fail literals/catch "could not put a literal back into $qa"
elif "$PY" tests/e2e/literals.py tests/e2e/literals.allow "$tmp/layout_qa.c" | grep -q '^FAIL literals/layout_qa.c: .*172'; then
    pass literals/catch
else
    fail literals/catch "a y = 172 in layout_qa.c went unnoticed"
fi
