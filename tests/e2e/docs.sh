#!/bin/sh
# tests/e2e/docs.sh: the docs match the program.
#   refs           no file of the repository cites design/SPEC.md (not in the
#                  repository) and every docs/*.md it cites exists
#   src-refs       every src/ path the README, docs/*.md and the stage
#                  folders' README.md cite exists (files move between folders)
#   src-folders    every folder of src/ has a README.md
#   readme-commands  every command `deckpress --help` lists is in the README's
#                  command block, and README and man page describe `watch`
#                  and `import`
#   pdfpc          README and man page name the .slides.pdfpc output, and
#                  the man page --output
#   fonts-readme   fonts/ has one README
#   example-qr     decks/example.yaml says where the QR caption goes, and the
#                  slide puts it there (below the code, by the dump)
#   example-notes  the example's handout comment names the layouts with note
#                  lines, and exactly those have them (lines drawn on the
#                  sheet outside the slides, besides the running head's rule)
#   make-quiet     building decks/*.yaml warns only where the deck says, in a
#                  comment just above the warning's line, that make warns
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=docs
need_dp "$T" || exit 0
need_tools "$T" "$PY" qpdf || exit 0
tmp=$(dp_tmpdir)

# ---------------------------------------------------------------- references
files() { # the repository's files (a copy without .git: every file)
    git ls-files 2>/dev/null || find . -type f ! -path './.git/*' ! -path './build*' ! -path './out/*' | sed 's|^\./||'
}
files >"$tmp/files"
[ -s "$tmp/files" ] || fail "$T/refs" "no files listed"
bad=$(grep -v '^tests/e2e/docs.sh$' "$tmp/files" | xargs grep -l -I 'design/SPEC\.md' 2>/dev/null | tr '\n' ' ' || true)
missing=
for f in $(xargs grep -h -o -I 'docs/[A-Za-z0-9_.-]*\.md' <"$tmp/files" 2>/dev/null | sort -u); do
    [ -f "$f" ] || missing="$missing $f"
done
if [ -n "$bad" ]; then
    fail "$T/refs" "cite design/SPEC.md, which is not in the repository: $bad"
elif [ -n "$missing" ]; then
    fail "$T/refs" "cited but missing:$missing"
else
    pass "$T/refs"
fi

# ---------------------------------------------------------------- src/ paths
missing=
for f in $(grep -h -o 'src/[A-Za-z0-9_/.*-]*[A-Za-z0-9_*/]' README.md docs/*.md src/*/README.md | sort -u); do
    # shellcheck disable=SC2086
    ls -d $f >/dev/null 2>&1 || missing="$missing $f"
done
if [ -n "$missing" ]; then
    fail "$T/src-refs" "the docs cite src/ paths that do not exist:$missing"
else
    pass "$T/src-refs"
fi
missing=
for d in src/*/; do [ -f "$d/README.md" ] || missing="$missing $d"; done
if [ -n "$missing" ]; then
    fail "$T/src-folders" "stage folders without a README.md:$missing"
else
    pass "$T/src-folders"
fi

# ---------------------------------------------------------------- README, man page
dp_run "$tmp/help" "$DP" --help
cmds=$(sed -n '/^commands:/,/^$/p' "$tmp/help/out" | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p')
block=$(sed -n '/^## Command line/,/^## /p' README.md)
miss=
for c in $cmds; do
    printf '%s\n' "$block" | grep -q "^deckpress $c " || miss="$miss $c"
done
if [ -z "$cmds" ]; then
    fail "$T/readme-commands" "no commands in --help: $(head -n 3 "$tmp/help/out")"
elif [ -n "$miss" ]; then
    fail "$T/readme-commands" "not in the README's command block:$miss"
elif ! grep -q '`watch`' README.md || ! grep -q '`import`' README.md; then
    fail "$T/readme-commands" "the README does not describe watch and import"
else
    pass "$T/readme-commands"
fi

if ! grep -q 'NAME\.slides\.pdfpc' README.md; then
    fail "$T/pdfpc" "README does not name out/NAME.slides.pdfpc"
elif ! grep -q 'slides\.pdfpc' deckpress.1 || ! grep -q '\.pdfpc' deckpress.1; then
    fail "$T/pdfpc" "the man page does not name the .pdfpc output"
elif ! grep -q '\\-\\-output' deckpress.1; then
    fail "$T/pdfpc" "the man page does not list --output"
else
    pass "$T/pdfpc"
fi

n=$(find fonts -maxdepth 1 -iname 'README*' | wc -l)
if [ "$n" -eq 1 ]; then pass "$T/fonts-readme"; else fail "$T/fonts-readme" "$n READMEs in fonts/: $(ls fonts)"; fi

# ---------------------------------------------------------------- decks/example.yaml
ex=decks/example.yaml
dp_run "$tmp/ex" "$DP" slides "$ex" -o "$tmp/ex.pdf" --dump
"$PY" - "$ex" "$tmp/ex/out" >"$tmp/qr.res" <<'PY' || fail "$T/example-qr" "checker failed"
import re, sys
deck, dump = open(sys.argv[1], encoding="utf-8").read(), open(sys.argv[2], encoding="utf-8").read()
m = re.search(r'^\s*qr_label:\s*(\S+)\s*#(.*)$', deck, re.M)
if not m:
    print("FAIL docs/example-qr: no commented qr_label in the example"); sys.exit()
label, comment = m.group(1), m.group(2)
says = "below" if re.search(r"\b(below|under)\b", comment) else "above" if "above" in comment else None
last = dump.split("\npage ")[-1]
tile = re.search(r"rect ([\d.]+),([\d.]+) ([\d.]+)x([\d.]+) fill=#ffffff", last)
cap = re.search(r'text [\d.]+,([\d.]+) .*"%s"' % re.escape(label), last)
if not tile or not cap:
    print("FAIL docs/example-qr: no QR tile or caption on the closing slide"); sys.exit()
is_ = "below" if float(cap.group(1)) > float(tile.group(2)) + float(tile.group(4)) else "above"
if says != is_:
    print("FAIL docs/example-qr: the comment says %s the code, the slide has it %s: %s" % (says, is_, comment.strip()))
else:
    print("PASS docs/example-qr")
PY
record_lines "$tmp/qr.res"

said=$(sed -n 's/^ *layout:.*note lines with \([0-9 ]*\).*/\1/p' "$ex" | tr -s ' ' | sed 's/^ //; s/ $//')
has=
for n in 1 2 3 4 6 9; do
    dp_run "$tmp/n$n" "$DP" handout "$ex" --layout "$n" -o "$tmp/n$n.pdf"
    qpdf --qdf --object-streams=disable "$tmp/n$n.pdf" "$tmp/n$n.q.pdf" 2>/dev/null || true
    lines=$("$PY" - "$tmp/n$n.q.pdf" <<'PY'
import re, sys
d = open(sys.argv[1], "rb").read().decode("latin1")
best = 0
for s in re.findall(r"stream\r?\n(.*?)endstream", d, re.S):
    depth = n = 0
    for t in s.split("\n"):
        t = t.strip()
        depth += (t == "q") - (t == "Q")
        n += depth == 0 and t.endswith(" l S")
    best = max(best, n)
print(best)
PY
)
    [ "${lines:-0}" -gt 1 ] && has="$has $n"
done
has=${has# }
if [ -z "$said" ]; then
    fail "$T/example-notes" "the example's handout layout comment does not say which layouts have note lines"
elif [ "$said" != "$has" ]; then
    fail "$T/example-notes" "the comment says note lines with '$said', the handouts have them with '$has'"
else
    pass "$T/example-notes"
fi

# ---------------------------------------------------------------- make on the shipped decks
quiet=1
for deck in decks/*.yaml; do
    name=$(basename "$deck" .yaml)
    NO_COLOR=1 dp_run "$tmp/m-$name" "$DP" build "$deck" -o "$tmp/m-$name"
    for line in $(sed -n "s|^$deck:\([0-9]*\):[0-9]*: warning: .*|\1|p" "$tmp/m-$name/err" | sort -u); do
        from=$((line > 3 ? line - 3 : 1))
        if ! sed -n "${from},${line}p" "$deck" | grep -q '#.*make.*warn'; then
            fail "$T/make-quiet" "$deck:$line warns without a comment saying so: $(grep -m 1 "^$deck:$line:" "$tmp/m-$name/err")"
            quiet=
        fi
    done
done
[ -n "$quiet" ] && pass "$T/make-quiet"
