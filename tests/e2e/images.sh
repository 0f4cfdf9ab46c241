#!/bin/sh
# Images (image: on intro, closing and Q&A items). Fixtures are made at test
# time (tests/e2e/mkimages.py): PNG of every kind, JPEG baseline, progressive,
# gray, Adobe CMYK and Exif-rotated. Checks: each renders (qpdf --check,
# pdfimages -list: size, colour, JPEG kept, an SMask only with transparency),
# is placed with its aspect kept, and shows the right colours when rendered;
# one PDF object per file, also in N-up handouts; output byte-identical;
# the depfile lists the images and make rebuilds when one changes. A missing,
# truncated, absurdly large or foreign file, or a path leaving the deck's
# folder, is an error at file:line:col with the right exit status, and the
# previous PDF is left untouched.
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
need_dp images || exit 0
need_tools images pdfimages pdftoppm qpdf make cmp truncate || exit 0

tmp=$(dp_tmpdir)
mkdir -p "$tmp/deck/img"
"$PY" tests/e2e/mkimages.py "$tmp/deck/img" >"$tmp/deck/img/LIST"
"$PY" tests/e2e/imagecheck.py deck "$tmp/deck"
deck=$tmp/deck/images.yaml

# imagecheck.py prints PASS/FAIL lines: record them
checker() {
    st=0
    "$PY" tests/e2e/imagecheck.py "$@" >"$tmp/check.out" 2>"$tmp/check.err" || st=$?
    while IFS= read -r line; do
        case $line in
            "PASS "*) pass "${line#PASS }" ;;
            "FAIL "*) rest=${line#FAIL }; fail "${rest%%: *}" "${rest#*: }" ;;
            *) printf '   %s\n' "$line" ;;
        esac
    done <"$tmp/check.out"
    [ "$st" -eq 0 ] || fail "images/checker-$1" "imagecheck.py $1 failed: $(tail -n 3 "$tmp/check.err")"
}

# ---------------------------------------------------------------- rendering
dp_run "$tmp/s" "$DP" slides "$deck" -o "$tmp/slides.pdf" --dump --depfile "$tmp/slides.d"
if [ "$rc" -ne 0 ]; then
    fail images/render "$(dp_run_detail "$tmp/s")"
else
    pass images/render
    if qpdf --check "$tmp/slides.pdf" >"$tmp/qpdf.out" 2>&1; then
        pass images/qpdf-check
    else
        fail images/qpdf-check "$(tail -n 3 "$tmp/qpdf.out")"
    fi
    checker slides "$tmp/deck" "$tmp/slides.pdf" "$tmp/s/out"

    dp_run "$tmp/s2" "$DP" slides "$deck" -o "$tmp/slides2.pdf"
    if [ "$rc" -eq 0 ] && cmp -s "$tmp/slides.pdf" "$tmp/slides2.pdf"; then
        pass images/reproducible
    else
        fail images/reproducible "two runs differ (status $rc)"
    fi

    missing=
    for f in rgb.png rgba.png gray.png photo.jpg rotated.jpg; do
        grep -q "img/$f" "$tmp/slides.d" || missing="$missing $f"
    done
    if [ -z "$missing" ]; then pass images/depfile; else fail images/depfile "not listed:$missing"; fi
fi

# N-up: every sheet draws the same image objects (14 files behind 16 uses)
dp_run "$tmp/h" "$DP" handout "$deck" -o "$tmp/nup.pdf" --layout 4
if [ "$rc" -ne 0 ]; then
    fail images/nup-reuse "$(dp_run_detail "$tmp/h")"
else
    checker reuse "$tmp/nup.pdf" 14
fi

# Booklet: every image of the deck (intro, items, closing) is drawn, each
# file as one object, at most at 96 dpi and inside the page
dp_run "$tmp/b" "$DP" handout "$deck" -o "$tmp/booklet.pdf" --layout booklet
if [ "$rc" -ne 0 ]; then
    fail images/booklet "$(dp_run_detail "$tmp/b")"
else
    checker reuse "$tmp/booklet.pdf" 14 booklet
    over=$(pdfimages -list "$tmp/booklet.pdf" | awk 'NR > 2 && $3 == "image" && ($13 < 95 || $14 < 95) {print $1 ":" $4 "x" $5 "@" $13}')
    if [ -n "$over" ]; then
        fail images/booklet-dpi "images enlarged past 96 dpi: $over"
    else
        pass images/booklet-dpi
    fi
fi

# make rebuilds when an image changes (run in another folder: templates
# from the repository, wherever $BUILD is)
DECKPRESS_TEMPLATES=$DP_ROOT/templates
export DECKPRESS_TEMPLATES
mk=$tmp/mk
mkdir -p "$mk/img"
cp "$tmp/deck/img/rgb.png" "$mk/img/"
printf 'title: 依赖\nsections:\n  - title: 图片\n    items:\n      - question: 问题？\n        answer: 答案。\n        image: img/rgb.png\n' >"$mk/deck.yaml"
printf 'out.pdf: deck.yaml\n\t"%s" slides deck.yaml -o out.pdf --depfile out.d -q\n-include out.d\n' "$DP" >"$mk/Makefile"
if ! make -s -C "$mk" >"$mk/make.out" 2>&1; then
    fail images/make-rebuild "first make failed: $(tail -n 3 "$mk/make.out")"
elif ! make -q -C "$mk" out.pdf; then
    fail images/make-rebuild "out.pdf is out of date right after make"
else
    sleep 1
    touch "$mk/img/rgb.png"
    if make -q -C "$mk" out.pdf; then
        fail images/make-rebuild "touching img/rgb.png does not make out.pdf out of date"
    else
        pass images/make-rebuild
    fi
fi

# ---------------------------------------------------------------- errors
e=$tmp/err
mkdir -p "$e/deck/img" "$e/out"
cp "$tmp/deck/img/"*.png "$tmp/deck/img/"*.jpg "$e/deck/img/"
cp "$tmp/deck/img/rgb.png" "$e/outside.png"
ln -s ../../outside.png "$e/deck/img/link.png"
# a 300 MB file (sparse: costs nothing) is refused before it is read
head -c 8 "$e/deck/img/rgb.png" >"$e/deck/img/big.png"
truncate -s 300M "$e/deck/img/big.png"
errdeck() { # IMAGE: the deck with one item whose image: (line 7, column 16) is IMAGE
    printf 'title: 错误\nsections:\n  - title: 图片\n    items:\n      - question: 问题？\n        answer: 答案。\n        image: "%s"\n' "$1" >"$e/deck/deck.yaml"
}
errdeck img/rgb.png
dp_run "$e/good" "$DP" slides "$e/deck/deck.yaml" -o "$e/out/slides.pdf"
if [ "$rc" -ne 0 ]; then
    fail images/errors "the good deck fails: $(dp_run_detail "$e/good")"
else
    cp "$e/out/slides.pdf" "$e/good.pdf"
    # name|image|status|message (an extended regex)
    while IFS='|' read -r name image want msg; do
        [ -n "$name" ] || continue
        errdeck "$image"
        dp_run "$e/$name" "$DP" slides "$e/deck/deck.yaml" -o "$e/out/slides.pdf"
        first=$(first_line "$e/$name/err")
        if [ "$rc" -ne "$want" ]; then
            fail "images/error-$name" "status $rc, want $want; stderr: $first"
        elif ! printf '%s\n' "$first" | grep -Eq "^$e/deck/deck.yaml:7:16: error: $msg"; then
            fail "images/error-$name" "first line: $first"
        elif crash_report "$e/$name/err" >/dev/null; then
            fail "images/error-$name" "crash: $(crash_report "$e/$name/err")"
        elif ! cmp -s "$e/out/slides.pdf" "$e/good.pdf"; then
            fail "images/error-$name" "the previous PDF was changed"
        elif [ -n "$(extra_files "$e/out" slides.pdf)" ]; then
            fail "images/error-$name" "left behind: $(extra_files "$e/out" slides.pdf)"
        else
            pass "images/error-$name"
        fi
    done <<EOF
missing|img/nope.png|3|image file not found: .*img/nope\.png
truncated-png|img/truncated.png|3|image .*truncated\.png is damaged or truncated \(libpng: .+\)
truncated-jpeg|img/truncated.jpg|3|image .*truncated\.jpg is truncated
big-file|img/big.png|3|image .*big\.png is too large \(300 MB; the limit is 256 MB\)
huge|img/huge.png|3|image .*huge\.png is 20000 x 20000 pixels; the limit is 10000 pixels on a side and 50 megapixels
not-an-image|img/text.png|3|image .*text\.png is not a PNG or JPEG file
folder|img|3|image .*img is a folder, not an image file
outside|../outside.png|1|image \.\./outside\.png is outside the deck's folder
outside-symlink|img/link.png|1|image img/link\.png is outside the deck's folder
EOF

    errdeck ../outside.png
    if grep -q -- '--allow-outside' "$e/outside/err"; then
        pass images/outside-hint
    else
        fail images/outside-hint "the refusal does not name --allow-outside: $(cat "$e/outside/err")"
    fi
    dp_run "$e/allowed" "$DP" slides "$e/deck/deck.yaml" -o "$e/out/allowed.pdf" --allow-outside
    if [ "$rc" -eq 0 ] && [ "$(pdfimages -list "$e/out/allowed.pdf" | tail -n +3 | wc -l)" -eq 1 ]; then
        pass images/outside-allowed
    else
        fail images/outside-allowed "$(dp_run_detail "$e/allowed")"
    fi
    # check validates images too, writing nothing
    errdeck img/truncated.png
    dp_run "$e/check" "$DP" check "$e/deck/deck.yaml"
    if [ "$rc" -eq 3 ]; then pass images/check-command; else fail images/check-command "status $rc, want 3"; fi
fi
