#!/bin/sh
# tests/e2e/speaker.sh: speaker notes never reach attendees.
#   speaker/build-name        `build --speaker -o DIR` writes DIR/NAME.speaker.pdf
#                             with the notes, and no DIR/NAME.handout.pdf; an
#                             attendee handout already there is left byte for
#                             byte; the depfile names NAME.speaker.pdf
#   speaker/has-notes         the speaker's copy holds every note (the checker
#                             sees notes when they are there)
#   speaker/handout-name      `handout --speaker -o X.handout.pdf` is refused
#                             (exit 2, nothing written)
#   speaker/attendee/DECK/L   for every deck of decks/ and decks-wild with notes
#                             and every layout L (booklet 1 2 3 4 6 9 as --help lists them, and the
#                             handout `build` writes): pdftotext of the attendee
#                             handout contains no piece of any note that is not
#                             also text of the deck outside notes
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=speaker
need_dp "$T" || exit 0
need_tools "$T" "$PY" pdftotext cmp || exit 0
tmp=$(dp_tmpdir)
wild="$(git rev-parse --show-toplevel)/../shared/decks-wild"

# leaks.py MODE NAME DECK PDF: MODE "none" = no note piece may be in the PDF's
# text; "all" = every note must show at least one of its pieces.
cat >"$tmp/leaks.py" <<'PY'
import re, subprocess, sys, unicodedata
import yaml

mode, name, deck_path, pdf = sys.argv[1:5]

def norm(s):
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"(?m)^\s*[-*+]\s+", "", s)
    return re.sub(r"[\s\u200b-\u200d\ufeff•◦▪*`_]", "", s)

def walk(v, key, notes, other):
    if isinstance(v, dict):
        for k, x in v.items():
            walk(x, str(k), notes, other)
    elif isinstance(v, list):
        for x in v:
            walk(x, key, notes, other)
    elif isinstance(v, str):
        (notes if key == "notes" else other).append(v)

deck = yaml.safe_load(open(deck_path, encoding="utf-8"))
notes, other = [], []
walk(deck, "", notes, other)
other = norm("".join(other))
W = 8  # a piece: 8 characters of a note found nowhere else in the deck
pieces = []
for n in notes:
    t = norm(n)
    ps = [t[i:i + W] for i in range(0, max(len(t) - W, 0) + 1, 4)]
    pieces.append([p for p in ps if len(p) == W and p not in other])
if not any(pieces):
    print("FAIL %s: the deck has no note text to look for" % name)
    sys.exit(0)
r = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True)
if r.returncode != 0:
    print("FAIL %s: pdftotext failed: %s" % (name, r.stderr.strip()[:200]))
    sys.exit(0)
text = norm(r.stdout)
if len(text) < 50:
    print("FAIL %s: pdftotext gave almost no text (%d characters)" % (name, len(text)))
    sys.exit(0)
if mode == "none":
    leaked = [p for ps in pieces for p in ps if p in text]
    if leaked:
        print("FAIL %s: %d pieces of notes in the attendee handout, first: %s" % (name, len(leaked), leaked[0]))
    else:
        print("PASS %s" % name)
else:
    missing = [n for n, ps in zip(notes, pieces) if ps and not any(p in text for p in ps)]
    if missing:
        print("FAIL %s: %d notes not in the speaker's copy, first: %s" % (name, len(missing), missing[0][:40]))
    else:
        print("PASS %s" % name)
PY

# A checker that crashes is a failure, never "nothing recorded".
leaks() {
    st=0
    "$PY" "$tmp/leaks.py" "$@" >"$tmp/leaks.out" 2>"$tmp/leaks.err" || st=$?
    cat "$tmp/leaks.err" >>"$tmp/leaks.out"
    record_lines "$tmp/leaks.out" "$2" "$st"
}

# ---- build --speaker: NAME.speaker.pdf, never NAME.handout.pdf
deck=decks/llm-founders-meetup.yaml
o=$tmp/out
mkdir -p "$o"
printf 'an attendee handout from before\n' >"$o/llm-founders-meetup.handout.pdf"
cp "$o/llm-founders-meetup.handout.pdf" "$tmp/before.pdf"
dp_run "$tmp/b" "$DP" build "$deck" -o "$o" --speaker --depfile "$o/x.d"
if [ "$rc" -ne 0 ]; then
    fail speaker/build-name "$(dp_run_detail "$tmp/b")"
elif [ ! -f "$o/llm-founders-meetup.speaker.pdf" ]; then
    fail speaker/build-name "no llm-founders-meetup.speaker.pdf in $(ls "$o" | tr '\n' ' ')"
elif ! cmp -s "$o/llm-founders-meetup.handout.pdf" "$tmp/before.pdf"; then
    fail speaker/build-name "build --speaker rewrote the attendee handout llm-founders-meetup.handout.pdf"
elif ! grep -q 'llm-founders-meetup\.speaker\.pdf' "$o/x.d" || grep -q 'handout\.pdf' "$o/x.d"; then
    fail speaker/build-name "the depfile's targets: $(head -n 1 "$o/x.d")"
else
    pass speaker/build-name
fi
if [ -f "$o/llm-founders-meetup.speaker.pdf" ]; then
    leaks all speaker/has-notes "$deck" "$o/llm-founders-meetup.speaker.pdf"
else
    fail speaker/has-notes "no speaker's copy written"
fi

# ---- handout --speaker under an attendee's name: refused
dp_run "$tmp/h" "$DP" handout "$deck" --speaker -o "$tmp/x.handout.pdf"
if [ "$rc" -eq 2 ] && [ ! -e "$tmp/x.handout.pdf" ] && grep -q 'speaker\.pdf' "$tmp/h/err"; then
    pass speaker/handout-name
else
    fail speaker/handout-name "status $rc, written: $([ -e "$tmp/x.handout.pdf" ] && echo yes || echo no), stderr: $(head -n 2 "$tmp/h/err")"
fi

# ---- every attendee handout of every deck with notes, every layout
for d in decks/*.yaml "$wild"/*.yaml; do
    [ -f "$d" ] || continue
    grep -q '^ *notes:' "$d" || continue
    n=$(basename "$d" .yaml)
    for l in build $(dp_layouts); do
        w=$tmp/a/$n/$l
        mkdir -p "$w"
        if [ "$l" = build ]; then
            dp_run "$w" "$DP" build "$d" -o "$w" -q
            pdf=$w/$n.handout.pdf
        else
            dp_run "$w" "$DP" handout "$d" -o "$w/h.pdf" --layout "$l" -q
            pdf=$w/h.pdf
        fi
        if [ "$rc" -ne 0 ] || [ ! -f "$pdf" ]; then
            fail "speaker/attendee/$n/$l" "$(dp_run_detail "$w")"
            continue
        fi
        leaks none "speaker/attendee/$n/$l" "$d" "$pdf"
    done
done
