#!/bin/sh
# tests/e2e/watch.sh: `deckpress watch DECK -o OUT` (src/cli/watch.c), run in the
# background on a copy of the meetup deck and templates, edited the way
# editors save (write a new file, rename it over the old one).
#   first-build     it builds at once and says "built ... in N ms"
#   good-edit       changing one item's answer rewrites both PDFs; one status
#                   line "HH:MM:SS rebuilt OUT/x.slides.pdf, OUT/x.handout.pdf in N ms";
#                   the new answer is in the slides' text
#   broken-edit     a YAML syntax error prints FILE:LINE:COL: error: on stderr and
#                   "N error(s): kept the last good PDFs"; both PDFs stay byte-identical
#   fix             the next good save rebuilds again
#   template        saving templates/default.yaml (a new accent colour) rebuilds,
#                   and the slides change
#   image           saving the PNG the first item shows (another colour) rebuilds,
#                   and the slides change
#   in-place        a write in place (no rename) also rebuilds, once
#   stops           SIGTERM ends it with status 0
#   paths           the "watching" line names templates/default.yaml, not
#                   decks/../templates/default.yaml (paths are resolved)
#   stops-mid-build SIGTERM during a long build ends it at once with status 0,
#                   removes its half-written files, keeps the previous PDFs
# Prints the time from saving a one-item change to both PDFs being rewritten.
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=watch
need_dp "$T" || exit 0
need_tools "$T" "$PY" pdftotext || exit 0
tmp=$(dp_tmpdir)
w=$tmp/tree
mkdir -p "$w/decks"
cp -R templates "$w/templates"
cat >"$tmp/mkpng.py" <<'PY'
import os, struct, sys, zlib
def chunk(k, d):
    return struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d) & 0xFFFFFFFF)
rgb, w, h = bytes(int(x) for x in sys.argv[2].split(",")), 40, 30
raw = b"".join(b"\0" + rgb * w for _ in range(h))
with open(sys.argv[1] + ".swp", "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
os.rename(sys.argv[1] + ".swp", sys.argv[1])
PY
mkdir -p "$w/decks/images"
"$PY" "$tmp/mkpng.py" "$w/decks/images/pic.png" 200,30,30
awk '{ print } !done && /^        answer:/ { print "        image: images/pic.png"; done = 1 }' \
    decks/llm-founders-meetup.yaml >"$w/decks/x.yaml"
slides=$w/out/x.slides.pdf
handout=$w/out/x.handout.pdf

: >"$tmp/out"
: >"$tmp/err"
(cd "$w" && exec timeout 300 "$DP" watch decks/x.yaml -o out) >>"$tmp/out" 2>>"$tmp/err" &
pid=$!
stop_watch() { kill -TERM "$pid" 2>/dev/null || true; }

# wait_line N: wait (up to 60 s) until stdout has N status lines; 0 when it has
status_lines() {
    c=$(grep -Ec '^[0-9]{2}:[0-9]{2}:[0-9]{2} ' "$tmp/out" 2>/dev/null || true)
    echo "${c:-0}"
}
wait_line() {
    i=0
    while [ "$(status_lines)" -lt "$1" ]; do
        i=$((i + 1))
        [ "$i" -le 600 ] || return 1
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.1
    done
}
last_line() { grep -E '^[0-9]{2}:[0-9]{2}:[0-9]{2} ' "$tmp/out" | tail -n 1; }

# save FILE PY-EXPR: replace FILE's text t by eval(PY-EXPR) the way editors
# do (write FILE.tmp, rename), then wait until both PDFs are rewritten (or
# 30 s) and print the milliseconds from the rename to that
cat >"$tmp/save.py" <<'PY'
import os, sys, time
path, expr, pdfs = sys.argv[1], sys.argv[2], sys.argv[3:]
t = open(path, encoding="utf-8").read()
new = eval(expr)
before = [os.stat(p).st_mtime_ns if os.path.exists(p) else 0 for p in pdfs]
with open(path + ".swp", "w", encoding="utf-8") as f:
    f.write(new)
t0 = time.monotonic()
os.rename(path + ".swp", path)
while time.monotonic() - t0 < 30:
    now = [os.stat(p).st_mtime_ns if os.path.exists(p) else 0 for p in pdfs]
    if all(a != b for a, b in zip(now, before)):
        print("%.0f" % ((time.monotonic() - t0) * 1000))
        break
    time.sleep(0.002)
else:
    print("timeout")
PY

# ---------------------------------------------------------------- first build
if wait_line 1 && last_line | grep -Eq "built out/x.slides.pdf, out/x.handout.pdf in [0-9]+ ms" &&
    [ -s "$slides" ] && [ -s "$handout" ]; then
    pass "$T/first-build"
else
    fail "$T/first-build" "stdout: $(head -c 300 "$tmp/out"); stderr: $(head -c 300 "$tmp/err")"
    stop_watch
    exit 0
fi
sleep 0.3 # let the watches settle

# ---------------------------------------------------------------- one-item edit
cp "$slides" "$tmp/s0.pdf"
ms=$("$PY" "$tmp/save.py" "$w/decks/x.yaml" \
    't.replace("处理方法包括数据清洗、去重、格式化、标签化等。", "处理方法包括数据清洗、去重、格式化、标注与抽检等。", 1)' \
    "$slides" "$handout")
wait_line 2 || true
line=$(last_line)
if [ "$ms" = timeout ]; then
    fail "$T/good-edit" "the PDFs were not both rewritten within 30 s; stdout: $(tail -n 2 "$tmp/out")"
elif ! echo "$line" | grep -Eq '^[0-9]{2}:[0-9]{2}:[0-9]{2} rebuilt out/x.slides.pdf, out/x.handout.pdf in [0-9]+ ms'; then
    fail "$T/good-edit" "status line: [$line]"
elif cmp -s "$tmp/s0.pdf" "$slides" || ! pdftotext "$slides" - | tr -d ' \n' | grep -q '标注与抽检'; then
    fail "$T/good-edit" "the slides do not show the new answer"
else
    pass "$T/good-edit"
    build_ms=$(echo "$line" | sed -n 's/.* in \([0-9]*\) ms.*/\1/p')
    echo "   # save of a one-item change -> both PDFs rewritten: $ms ms (the rebuild itself: $build_ms ms, plus 50 ms of settling)"
fi

# ---------------------------------------------------------------- broken edit
sleep 0.2
cp "$slides" "$tmp/s1.pdf"
cp "$handout" "$tmp/h1.pdf"
n=$(status_lines)
"$PY" "$tmp/save.py" "$w/decks/x.yaml" 't.replace("\ntitle: ", "\ntitle: [", 1)' >/dev/null &
saver=$!
wait_line $((n + 1)) || true
wait "$saver" || true
line=$(last_line)
if ! echo "$line" | grep -Eq '^[0-9:]{8} [0-9]+ errors?: kept the last good PDFs$'; then
    fail "$T/broken-edit" "status line: [$line]"
elif ! grep -Eq '^decks/x\.yaml:[0-9]+:[0-9]+: error: ' "$tmp/err"; then
    fail "$T/broken-edit" "no decks/x.yaml:LINE:COL: error: on stderr: $(tail -n 3 "$tmp/err")"
elif ! cmp -s "$tmp/s1.pdf" "$slides" || ! cmp -s "$tmp/h1.pdf" "$handout"; then
    fail "$T/broken-edit" "a PDF changed after a broken edit"
elif ! kill -0 "$pid" 2>/dev/null; then
    fail "$T/broken-edit" "watch exited"
else
    pass "$T/broken-edit"
fi

# ---------------------------------------------------------------- fix
sleep 0.2
n=$(status_lines)
ms=$("$PY" "$tmp/save.py" "$w/decks/x.yaml" \
    't.replace("\ntitle: [", "\ntitle: ", 1).replace("标注与抽检", "人工抽检", 1)' "$slides" "$handout")
wait_line $((n + 1)) || true
if [ "$ms" != timeout ] && last_line | grep -q ' rebuilt out/x.slides.pdf' &&
    pdftotext "$slides" - | tr -d ' \n' | grep -q '人工抽检'; then
    pass "$T/fix"
else
    fail "$T/fix" "after the fix: [$(last_line)], PDFs rewritten: $ms"
fi

# ---------------------------------------------------------------- template
sleep 0.2
cp "$slides" "$tmp/s2.pdf"
n=$(status_lines)
ms=$("$PY" "$tmp/save.py" "$w/templates/default.yaml" \
    '__import__("re").sub(r"(?m)^(  accent: *)(.)#[0-9A-Fa-f]+", r"\1\2#1F6FEB", t, count=1)' "$slides" "$handout")
wait_line $((n + 1)) || true
if [ "$ms" != timeout ] && last_line | grep -q ' rebuilt ' && ! cmp -s "$tmp/s2.pdf" "$slides"; then
    pass "$T/template"
    echo "   # template save -> both PDFs rewritten: $ms ms"
else
    fail "$T/template" "after the template change: [$(last_line)], PDFs rewritten: $ms"
fi

# ---------------------------------------------------------------- image
sleep 0.2
cp "$slides" "$tmp/s3.pdf"
n=$(status_lines)
"$PY" "$tmp/mkpng.py" "$w/decks/images/pic.png" 30,30,200
wait_line $((n + 1)) || true
sleep 0.2
if last_line | grep -q ' rebuilt ' && ! cmp -s "$tmp/s3.pdf" "$slides"; then
    pass "$T/image"
else
    fail "$T/image" "after the image change: [$(last_line)], slides changed: $(cmp -s "$tmp/s3.pdf" "$slides" && echo no || echo yes)"
fi

# ---------------------------------------------------------------- in place
sleep 0.2
n=$(status_lines)
printf '\n# a comment added in place\n' >>"$w/decks/x.yaml"
wait_line $((n + 1)) || true
sleep 0.5 # a second rebuild for the same save would show up by now
if [ "$(status_lines)" -eq $((n + 1)) ] && last_line | grep -q ' rebuilt '; then
    pass "$T/in-place"
else
    fail "$T/in-place" "$(( $(status_lines) - n )) status lines for one in-place write, want 1"
fi

# ---------------------------------------------------------------- stop
kill -TERM "$pid" 2>/dev/null || true
st=0
wait "$pid" || st=$?
if [ "$st" -eq 0 ]; then
    pass "$T/stops"
else
    fail "$T/stops" "status $st after SIGTERM, want 0"
fi

# ---------------------------------------------------------------- paths
# The paths it prints are resolved: the template beside decks/ is
# templates/default.yaml, never decks/../templates/default.yaml.
watching=$(grep -m 1 '^watching ' "$tmp/out" || true)
case $watching in
    "watching decks/x.yaml, templates/default.yaml,"*)
        if printf '%s' "$watching" | grep -q '\.\./\|//\|\./'; then
            fail "$T/paths" "not normalised: $watching"
        else
            pass "$T/paths"
        fi
        ;;
    *) fail "$T/paths" "want 'watching decks/x.yaml, templates/default.yaml, ...', got: $watching" ;;
esac

# ---------------------------------------------------------------- stop mid-build
# SIGTERM during a long build ends it at once (not when the build is done),
# status 0, no half-written file left, the previous PDFs untouched.
b=$tmp/big
mkdir -p "$b/out"
"$PY" bench/gen_deck.py 4000 >"$b/big.yaml"
dp_run "$b/first" "$DP" build "$b/big.yaml" -o "$b/out"
took=$(sed -n 's/.*handout.pdf ([0-9]* pages, [0-9]* bytes, \([0-9]*\) ms).*/\1/p' "$b/first/err")
cp "$b/out/big.slides.pdf" "$b/slides.before"
sed -i 's/^title: .*/title: 改过的标题/' "$b/big.yaml"
(exec timeout 300 "$DP" watch "$b/big.yaml" -o "$b/out") >"$b/wout" 2>"$b/werr" &
bpid=$!
sleep 0.3
t0=$(date +%s%N)
kill -TERM "$bpid" 2>/dev/null || true
st=0
wait "$bpid" || st=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
left=$(find "$b/out" -name '*.tmp*' | tr '\n' ' ')
if [ -z "$took" ] || [ "$took" -lt 600 ]; then
    fail "$T/stops-mid-build" "the big deck's build took ${took:-?} ms: too quick to stop it midway ($(first_line "$b/first/err"))"
elif [ "$st" -ne 0 ]; then
    fail "$T/stops-mid-build" "status $st after SIGTERM, want 0"
elif grep -q '^[0-9:]* built' "$b/wout" || [ "$ms" -ge $((took - 300)) ]; then
    fail "$T/stops-mid-build" "it finished the ${took} ms build before stopping (${ms} ms after SIGTERM)"
elif [ -n "$left" ]; then
    fail "$T/stops-mid-build" "half-written files left: $left"
elif ! cmp -s "$b/out/big.slides.pdf" "$b/slides.before"; then
    fail "$T/stops-mid-build" "the previous slides were changed"
else
    pass "$T/stops-mid-build: gone ${ms} ms after SIGTERM, in a ${took} ms build"
fi
