#!/bin/sh
# bench/profile.sh DECKPRESS DECK WORKDIR: where the time of one
# `deckpress build DECK` (slides and handout) goes, as Markdown on stdout (bench/run.sh puts it
# into bench/RESULTS.md).
#   - callgrind (valgrind): instructions per pipeline stage, inclusive; exact
#     and repeatable, so stages can be compared across commits;
#   - perf stat, when perf may count here: task clock, page faults and
#     context switches over 10 runs (what callgrind does not see: the kernel).
set -eu
DP=$1
DECK=$2
W=$3
mkdir -p "$W"
PY=${PYTHON:-python3}

if command -v valgrind >/dev/null 2>&1 && command -v callgrind_annotate >/dev/null 2>&1; then
    valgrind -q --tool=callgrind --callgrind-out-file="$W/cg.out" "$DP" build "$DECK" -o "$W/cg" -q
    callgrind_annotate --inclusive=yes --threshold=100 "$W/cg.out" >"$W/cg.txt" 2>/dev/null
    "$PY" - "$W/cg.txt" <<'EOF'
import re, sys
rows = {}
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.match(r"\s*([\d,]+) \(\s*([\d.]+)%\)\s+(\S.*?) \[", line)
    if not m:
        continue
    name = m.group(3).split(":")[-1]
    if name not in rows:  # the first (largest) entry for a name
        rows[name] = (int(m.group(1).replace(",", "")), float(m.group(2)))
total = rows.get("main", (0, 0))[0] or 1
STAGES = [
    ("main", 0, "the whole run (from main)"),
    ("dp_project_init", 1, "load: deck YAML, template"),
    ("dp_deck_load", 2, "deck: libyaml + schema"),
    ("dp_template_load", 2, "template"),
    ("dp_fonts_resolve", 1, "font roles -> faces (font cache; fontconfig on a miss)"),
    ("FcInitLoadConfigAndFonts", 2, "fontconfig start (only when the font cache misses)"),
    ("dp_layout_slides", 1, "layout: every slide (slides, and the N-up handout's)"),
    ("dp_layout_booklet", 1, "layout: the booklet handout"),
    ("dp_text_layout", 2, "text engine (shaping, breaks, justification)"),
    ("set_linebreaks", 3, "libunibreak (UAX #14)"),
    ("dp_pdf_write", 1, "PDF writer (both documents)"),
    ("dp_face_subset", 2, "hb-subset, once per face and code point set"),
    ("dp_pdf_font", 2, "font objects: CIDs, /W, ToUnicode, FontFile2"),
    ("draw_sheet", 2, "content streams, built (compressed: next line)"),
    ("libdeflate_zlib_compress", 2, "libdeflate, every stream we compress"),
    ("HPDF_SaveToFile", 2, "libharu serialising the document"),
]
print("| stage | function | instructions | share |")
print("|---|---|---:|---:|")
for fn, depth, label in STAGES:
    if fn not in rows:
        continue
    n, _ = rows[fn]
    pad = "&nbsp;&nbsp;" * depth
    print("| %s%s | `%s` | %s | %.1f%% |" % (pad, label, fn, format(n, ","), 100.0 * n / total))
EOF
else
    echo "(valgrind is not installed: no callgrind profile)"
fi

if command -v perf >/dev/null 2>&1 && perf stat -e task-clock true >/dev/null 2>&1; then
    echo
    perf stat -r 10 -e task-clock,page-faults,context-switches -o "$W/perfstat.txt" \
        "$DP" build "$DECK" -o "$W/ps" -q >/dev/null 2>&1 || true
    echo '`perf stat -r 10` of the same run:'
    echo
    echo '```'
    grep -E 'task-clock|page-faults|context-switches|elapsed' "$W/perfstat.txt" | sed 's/^ *//'
    echo '```'
fi
