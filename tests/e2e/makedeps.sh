#!/bin/sh
# tests/e2e/makedeps.sh: make integration through the depfile (build
# --depfile), with the repository's own Makefile run in a scratch tree
# (decks/a.yaml on the default template with a PNG on its first item,
# decks/b.yaml on dark; a copy of templates/; the binary behind a wrapper
# that logs each run).
#   parallel        `make -j2` builds both decks, the two runs overlapping in time
#   up-to-date      a second `make` runs nothing (and `make -n` shows no build)
#   template        touching templates/dark.yaml rebuilds b only
#   template-edit   changing a colour in templates/default.yaml rebuilds a only,
#                   and its slides change
#   print-template  touching templates/print.yaml (the handouts') rebuilds both
#   deck            touching decks/a.yaml rebuilds a only
#   image           a new decks/images/pic.png (another colour) rebuilds a only,
#                   and its slides change
#   depfile         out/a.d names the deck, both templates, the image and font
#                   files, all existing
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=makedeps
need_dp "$T" || exit 0
need_tools "$T" make "$PY" || exit 0
tmp=$(dp_tmpdir)
w=$tmp/tree
mkdir -p "$w/decks" "$w/bin"
cp -R templates "$w/templates"
ln -s "$DP_ROOT/scripts" "$w/scripts" # the Makefile's order-only setup step
cp "$DP" "$w/bin/deckpress.real"
cat >"$w/bin/deckpress" <<EOF
#!/bin/sh
# logs "start|end DECK SECONDS.NANOS" around each run
d=\$2
echo "start \$d \$(date +%s.%N)" >>"$w/runs.log"
st=0
"$w/bin/deckpress.real" "\$@" || st=\$?
echo "end \$d \$(date +%s.%N)" >>"$w/runs.log"
exit \$st
EOF
chmod +x "$w/bin/deckpress"
[ -d fonts ] && DECKPRESS_FONTS=$DP_ROOT/fonts && export DECKPRESS_FONTS
cat >"$tmp/mkpng.py" <<'PY'
import struct, sys, zlib
def chunk(k, d):
    return struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d) & 0xFFFFFFFF)
rgb, w, h = bytes(int(x) for x in sys.argv[2].split(",")), 40, 30
raw = b"".join(b"\0" + rgb * w for _ in range(h))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                             + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
mkdir -p "$w/decks/images"
"$PY" "$tmp/mkpng.py" "$w/decks/images/pic.png" 200,30,30
sed 's/^template: .*/template: default/' decks/llm-founders-meetup.yaml |
    awk '{ print } !done && /^        answer:/ { print "        image: images/pic.png"; done = 1 }' >"$w/decks/a.yaml"
sed 's/^template: .*/template: dark/' decks/llm-founders-meetup.yaml >"$w/decks/b.yaml"
: >"$w/runs.log"

mk() { # mk LOGNAME ARGS...: make in the tree; status in $rc
    n=$1
    shift
    rc=0
    (cd "$w" && timeout 600 make -f "$DP_ROOT/Makefile" BUILD="$w/bin" "$@") >"$tmp/$n.out" 2>&1 || rc=$?
}
runs() { grep -c '^start' "$w/runs.log" || true; }
ran() { # decks run since log line $1, as "a b"
    tail -n +"$(($1 + 1))" "$w/runs.log" | sed -n 's|^start decks/\(.*\)\.yaml .*|\1|p' | sort | tr '\n' ' ' | sed 's/ $//'
}
lines() { wc -l <"$w/runs.log"; }

# ---------------------------------------------------------------- parallel
mk first -j2
if [ "$rc" -ne 0 ]; then
    fail "$T/parallel" "make -j2: status $rc: $(tail -n 3 "$tmp/first.out" | tr '\n' ' ')"
    exit 0
fi
overlap=$("$PY" - "$w/runs.log" <<'PY'
import sys
t = {}
for l in open(sys.argv[1]):
    k, deck, s = l.split()
    t[(k, deck)] = float(s)
a, b = "decks/a.yaml", "decks/b.yaml"
print("yes" if t[("start", a)] < t[("end", b)] and t[("start", b)] < t[("end", a)] else "no")
PY
)
missing=
for f in a.slides.pdf a.handout.pdf a.d b.slides.pdf b.handout.pdf b.d; do
    [ -s "$w/out/$f" ] || missing="$missing $f"
done
if [ -n "$missing" ]; then
    fail "$T/parallel" "missing in out/:$missing"
elif [ "$overlap" != yes ]; then
    fail "$T/parallel" "the two builds did not overlap: $(tr '\n' ' ' <"$w/runs.log")"
else
    pass "$T/parallel"
fi

# ---------------------------------------------------------------- up to date
n0=$(lines)
mk again
# (not make -q: the Makefile's phony setup step always "needs" running)
q=$(cd "$w" && make -n -f "$DP_ROOT/Makefile" BUILD="$w/bin" 2>&1 | grep -c 'deckpress build' || true)
if [ "$rc" -eq 0 ] && [ "$(lines)" -eq "$n0" ] && [ "$q" -eq 0 ]; then
    pass "$T/up-to-date"
else
    fail "$T/up-to-date" "status $rc, runs: [$(ran "$n0")], builds make -n would run: $q"
fi

# step NAME WANT CMD...: run CMD in the tree (after a second, so times differ), make, expect decks WANT
step() {
    name=$1 want=$2
    shift 2
    sleep 1
    (cd "$w" && "$@")
    n0=$(lines)
    mk "$name"
    got=$(ran "$n0")
    if [ "$rc" -eq 0 ] && [ "$got" = "$want" ]; then
        pass "$T/$name"
    else
        fail "$T/$name" "status $rc; rebuilt [$got], want [$want]"
    fi
}
step template "b" touch templates/dark.yaml
cp "$w/out/a.slides.pdf" "$tmp/a-before.pdf"
step template-edit "a" sed -i 's/^\(  *accent: *\)"#[0-9A-Fa-f]*"/\1"#1F6FEB"/' templates/default.yaml
if cmp -s "$tmp/a-before.pdf" "$w/out/a.slides.pdf"; then
    fail "$T/template-edit-output" "a.slides.pdf did not change with the template's accent colour"
else
    pass "$T/template-edit-output"
fi
step print-template "a b" touch templates/print.yaml
step deck "a" touch decks/a.yaml
cp "$w/out/a.slides.pdf" "$tmp/a-before.pdf"
step image "a" "$PY" "$tmp/mkpng.py" decks/images/pic.png 30,30,200
if cmp -s "$tmp/a-before.pdf" "$w/out/a.slides.pdf"; then
    fail "$T/image-output" "a.slides.pdf did not change with the image"
else
    pass "$T/image-output"
fi

# ---------------------------------------------------------------- the depfile itself
"$PY" - "$w" <<'PY' >"$tmp/dep.res" 2>&1 || true
import os, re, sys
w = sys.argv[1]
text = open(os.path.join(w, "out/a.d"), encoding="utf-8").read()
rule = text.split("\n\n")[0]
targets, _, deps = rule.partition(":")
deps = [d for d in re.split(r"\s*\\\n\s*|\s+", deps) if d]
bad = []
if "out/a.slides.pdf" not in targets.split() or "out/a.handout.pdf" not in targets.split():
    bad.append("targets: %s" % targets)
names = [os.path.normpath(d) for d in deps]
for want in ("decks/a.yaml", "templates/default.yaml", "templates/print.yaml", "decks/images/pic.png"):
    if want not in names:
        bad.append("no %s" % want)
if not any(re.search(r"\.(ttf|ttc|otf)$", d, re.I) for d in deps):
    bad.append("no font file")
for d in deps:
    if not os.path.exists(d if os.path.isabs(d) else os.path.join(w, d)):
        bad.append("missing %s" % d)
print("FAIL makedeps/depfile: " + "; ".join(bad) if bad else "PASS makedeps/depfile")
PY
while IFS= read -r l; do
    case $l in
        "PASS "*) pass "${l#PASS }" ;;
        "FAIL "*) r=${l#FAIL }; fail "${r%%: *}" "${r#*: }" ;;
        *) printf '   %s\n' "$l" ;;
    esac
done <"$tmp/dep.res"
