#!/bin/sh
# bench/run.sh: time and measure deckpress on the meetup deck and on generated
# decks, and write bench/RESULTS.md. `make bench` runs it after building
# $BUILD/deckpress and installing hyperfine (scripts/setup.sh bench).
#
#   wall time   hyperfine (--warmup 3 --runs 15; the 10,000-item deck, whose
#               runs take seconds, --warmup 1 --runs 5): median and spread
#   peak RSS    /usr/bin/time -f %M, median of 5 runs
#   sizes       bytes of each PDF written, and where they go (bench/pdfsize.py)
#   profile     perf record of the meetup slides when perf works here, else
#               valgrind --tool=callgrind (bench/profile.sh)
#
# Cases: the meetup deck's slides alone (deckpress slides), slides plus
# handout in one run (deckpress build), the same without the caches
# (build-cold: fontconfig starts and every font is subset and compressed, as
# on a first run or after a font change), the same three with
# templates/noto.yaml (meetup-noto: OpenType/CFF Noto CJK faces in .ttc
# collections instead of TrueType),
# then slides and build for decks of 100, 1,000 and 10,000 Q&A items from
# bench/gen_deck.py (generated into a temp folder, never committed). The warm
# runs use the caches in $XDG_CACHE_HOME/deckpress (filled by the first run
# of each case), as every build after the first does. Nothing else should be running: the numbers are medians,
# but two cores shared with a compiler are not a benchmark.
#
# Environment: BUILD (default build), BENCH_SIZES (default "100 1000 10000"),
# BENCH_RUNS (default 15), BENCH_OUT (default bench/RESULTS.md),
# BENCH_KEEP=1 keeps the temp folder.
set -eu
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build}
DP=$(pwd)/$BUILD/deckpress
PY=${PYTHON:-python3}
SIZES=${BENCH_SIZES:-100 1000 10000}
RUNS=${BENCH_RUNS:-15}
OUT=${BENCH_OUT:-bench/RESULTS.md}
MEETUP=decks/llm-founders-meetup.yaml
export SOURCE_DATE_EPOCH=1764547200 LC_ALL=C.UTF-8 TZ=UTC

for t in hyperfine /usr/bin/time "$PY"; do
    command -v "$t" >/dev/null 2>&1 || { echo "bench: $t is missing (sh scripts/setup.sh bench)" >&2; exit 2; }
done
[ -x "$DP" ] || { echo "bench: no $DP (make $BUILD/deckpress)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/deckpress-bench.XXXXXX")
if [ -z "${BENCH_KEEP:-}" ]; then
    trap 'rm -rf "$tmp"' EXIT
else
    echo "bench: keeping $tmp"
fi
trap 'exit 130' INT
trap 'exit 143' TERM

# One line per case in $tmp/cases: NAME DECK COMMAND (slides|build) ITEMS
: >"$tmp/cases"
cp "$MEETUP" "$tmp/meetup.yaml"
items=$(grep -c '^[[:space:]]*question:' "$MEETUP" || true)
echo "meetup $tmp/meetup.yaml slides $items" >>"$tmp/cases"
echo "meetup $tmp/meetup.yaml build $items" >>"$tmp/cases"
echo "meetup $tmp/meetup.yaml build-cold $items" >>"$tmp/cases"
for cmd in slides build build-cold; do
    echo "meetup-noto $tmp/meetup.yaml $cmd $items" >>"$tmp/cases"
done
for n in $SIZES; do
    "$PY" bench/gen_deck.py "$n" >"$tmp/gen$n.yaml"
    echo "gen$n $tmp/gen$n.yaml slides $n" >>"$tmp/cases"
    echo "gen$n $tmp/gen$n.yaml build $n" >>"$tmp/cases"
done

# The command line of one case; outputs go to $tmp/out-NAME-CMD/.
case_cmd() { # NAME DECK CMD
    o=$tmp/out-$1-$3
    mkdir -p "$o"
    t=
    case $1 in *-noto) t="--template noto" ;; esac
    if [ "$3" = slides ]; then
        echo "$DP slides $2 -o $o/$1.slides.pdf -q $t"
    elif [ "$3" = build-cold ]; then
        # no caches: as on a first run (env adds ~0.5 ms)
        echo "env DECKPRESS_NO_FONT_CACHE=1 $DP build $2 -o $o -q $t"
    else
        echo "$DP build $2 -o $o -q $t"
    fi
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print 0; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

results=$tmp/results.tsv
: >"$results"
# Other work on the machine shows in the medians: the load average goes into the report.
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"; }
echo "start $(load)" >"$tmp/load"
while read -r name deck cmd n; do
    line=$(case_cmd "$name" "$deck" "$cmd")
    # A failing run is no benchmark: show why and stop.
    # shellcheck disable=SC2086
    if ! $line 2>"$tmp/err"; then
        echo "bench: '$line' failed:" >&2
        head -n 5 "$tmp/err" >&2
        exit 1
    fi
    runs=$RUNS warm=3
    if [ "$n" -ge 10000 ]; then runs=$((RUNS < 5 ? RUNS : 5)) warm=1; fi
    echo "== $name $cmd: hyperfine --warmup $warm --runs $runs" >&2
    hyperfine -N --warmup "$warm" --runs "$runs" --export-json "$tmp/$name-$cmd.json" \
        --style basic "$line" >&2
    # Peak RSS in KiB, median of 5 (plus the wall time /usr/bin/time saw).
    : >"$tmp/rss"
    for _ in 1 2 3 4 5; do
        # shellcheck disable=SC2086
        /usr/bin/time -f '%M' -o "$tmp/time1" $line 2>/dev/null
        tail -n 1 "$tmp/time1" >>"$tmp/rss"
    done
    rss=$(median <"$tmp/rss")
    o=$tmp/out-$name-$cmd
    slides_pdf=$(find "$o" -name '*.slides.pdf' | head -n 1)
    handout_pdf=$(find "$o" -name '*.handout.pdf' | head -n 1)
    sbytes=$(wc -c <"$slides_pdf" | tr -d ' ')
    hbytes=-
    [ -n "$handout_pdf" ] && hbytes=$(wc -c <"$handout_pdf" | tr -d ' ')
    pages=$("$PY" bench/pdfsize.py --pages "$slides_pdf" 2>/dev/null || echo "?")
    "$PY" - "$tmp/$name-$cmd.json" "$name" "$cmd" "$n" "$rss" "$sbytes" "$hbytes" "$pages" "$runs" >>"$results" <<'EOF'
import json, statistics, sys
js, name, cmd, n, rss, sb, hb, pages, runs = sys.argv[1:]
r = json.load(open(js))["results"][0]
t = r["times"]
print("\t".join([name, cmd, n, pages, "%.4f" % statistics.median(t), "%.4f" % min(t), "%.4f" % max(t),
                 "%.4f" % r["user"], "%.4f" % r["system"], rss, sb, hb, runs]))
EOF
done <"$tmp/cases"

# Where the bytes of the meetup slides go, and where the time goes.
cp "$tmp/out-meetup-slides/meetup.slides.pdf" "$tmp/meetup.slides.pdf"
"$PY" bench/pdfsize.py "$tmp/meetup.slides.pdf" >"$tmp/sizes.md"
"$PY" bench/pdfsize.py "$tmp/out-meetup-noto-slides/meetup-noto.slides.pdf" >"$tmp/sizes-noto.md"
sh bench/profile.sh "$DP" "$tmp/meetup.yaml" "$tmp/profile" >"$tmp/profile.md" 2>"$tmp/profile.err" ||
    echo "(profiling failed: $(head -n 3 "$tmp/profile.err"))" >"$tmp/profile.md"

echo "end $(load)" >>"$tmp/load"
"$PY" bench/report.py "$results" "$tmp/sizes.md" "$tmp/profile.md" bench/NOTES.md "$tmp/load" "$tmp/sizes-noto.md" >"$tmp/RESULTS.md"
cp "$tmp/RESULTS.md" "$OUT"
echo "bench: wrote $OUT" >&2
