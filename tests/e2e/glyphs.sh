#!/bin/sh
# tests/e2e/glyphs.sh [PDF...]: every drawn glyph must look like the source
# font's own outline. pdftotext cannot see libharu 2.3.0's glyph corruption
# (STACK.md), so tests/tools/glyphcheck renders pages and compares glyph images.
#   1. glyphcheck must FAIL on a PDF libharu embedded by itself (harucorrupt)
#      and PASS on the same text written by dp_pdf_write: the check works both ways;
#   2. then the given PDFs, or else the slides of every decks/*.yaml (when
#      $BUILD/deckpress exists), must pass.
# Builds its two tools into $BUILD/tests/tools with cc (no Makefile rule needed).
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

need_tools glyphs cc pkg-config mutool || exit 0

TOOLS=$BUILD/tests/tools
mkdir -p "$TOOLS"
PKGS="freetype2 fontconfig harfbuzz harfbuzz-subset fribidi libpng libdeflate"
CFLAGS_GC="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -g -Wall -Wextra"
LIB_SRC="src/atomic_file.c src/fonts.c src/font_cache.c src/subset.c src/subset_cache.c src/pdf_out.c src/pdf_content.c src/pdf_flate.c src/pdf_font.c src/bidi.c src/pdf_meta.c src/pdf_packer.c src/image.c src/dlist.c src/arena.c src/utf8.c src/diag.c"

# build OUT SRC...: compile when OUT is missing or older than a source.
build() {
    out=$1
    shift
    stale=
    [ -x "$out" ] || stale=1
    for s in "$@" src/*.h; do [ "$s" -nt "$out" ] && stale=1; done
    [ -z "$stale" ] && return 0
    # shellcheck disable=SC2086,SC2046
    cc $CFLAGS_GC $(pkg-config --cflags $PKGS) -Isrc -o "$out" "$@" \
        $(pkg-config --libs $PKGS) -lhpdf -lm 2>"$out.log"
}

if ! build "$TOOLS/glyphcheck" tests/tools/glyphcheck.c ||
    ! build "$TOOLS/harucorrupt" tests/tools/harucorrupt.c $LIB_SRC; then
    fail glyphs/build "cannot compile the glyph tools: $(head -n 3 "$TOOLS"/*.log)"
    exit 0
fi

GC="$TOOLS/glyphcheck --fontdir fonts"
t=$(dp_tmpdir)

# glyphcheck FILE: run it; $gc_rc is its status, $gc_line its summary line.
glyphcheck() {
    gc_rc=0
    $GC "$1" >"$t/gc.out" 2>"$t/gc.err" || gc_rc=$?
    gc_line=$(grep '^glyphcheck:' "$t/gc.out" | tail -n 1 | sed "s|$t/||")
    [ -n "$gc_line" ] || gc_line=$(first_line "$t/gc.err")
}

if ! "$TOOLS/harucorrupt" "$t/bad.pdf" "$t/good.pdf" 2>"$t/hc.err"; then
    fail glyphs/harucorrupt "$(head -n 3 "$t/hc.err")"
    exit 0
fi

glyphcheck "$t/bad.pdf"
if [ "$gc_rc" -eq 1 ]; then
    pass "glyphs/catches libharu's own subsetting: ${gc_line#glyphcheck: }; first: $(first_line "$t/gc.out")"
else
    fail glyphs/catches-corruption "glyphcheck should fail a libharu-subset Micro Hei PDF (status $gc_rc): $gc_line"
fi

glyphcheck "$t/good.pdf"
if [ "$gc_rc" -eq 0 ]; then
    pass "glyphs/dp_pdf_write output: $gc_line"
else
    fail glyphs/dp_pdf_write "$gc_line; $(head -n 3 "$t/gc.out")"
fi

# Real documents: the ones given, or the slides of each deck.
if [ $# -gt 0 ]; then
    pdfs="$*"
else
    pdfs=
    if [ -x "$DP" ]; then
        for deck in decks/*.yaml; do
            [ -f "$deck" ] || continue
            name=$(basename "$deck" .yaml)
            dp_run "$t/$name" "$DP" slides "$deck" -o "$t/$name.pdf"
            if [ "$rc" -eq 0 ] && [ -f "$t/$name.pdf" ]; then
                pdfs="$pdfs $t/$name.pdf"
            else
                echo "   # $deck did not build (status $rc); its glyphs are not checked here"
            fi
        done
    else
        echo "   # no $DP: deck PDFs not checked"
    fi
fi
for pdf in $pdfs; do
    glyphcheck "$pdf"
    name=glyphs/$(basename "$pdf")
    case $gc_rc in
        0) pass "$name: ${gc_line#glyphcheck: }" ;;
        1) fail "$name" "$gc_line; $(head -n 3 "$t/gc.out")" ;;
        *) fail "$name" "could not check: $gc_line $(first_line "$t/gc.err")" ;;
    esac
done

# Above the BMP: CJK extension B in the Kai face (LXGW WenKai has 𠮷 U+20BB7
# and 𠀋 U+2000B) and an emoji the fallback (DejaVu Sans) has, drawn from the
# right glyphs and extracted as themselves (ToUnicode as UTF-16 surrogates).
if [ $# -eq 0 ] && [ -x "$DP" ]; then
    mkdir -p "$t/astral"
    printf '%s\n' 'title: 生僻字' 'sections:' '  - title: 扩展 B' '    items:' \
        '      - question: 怎么读？' '        answer: 读作 jí。' \
        '        analysis: 𠮷野家的𠮷，𠀋字，还有 😀。' >"$t/astral/deck.yaml"
    dp_run "$t/astral" "$DP" slides "$t/astral/deck.yaml" -o "$t/astral.pdf"
    if [ "$rc" -ne 0 ]; then
        fail glyphs/astral "$(dp_run_detail "$t/astral")"
    elif ! pdftotext "$t/astral.pdf" - 2>/dev/null | grep -q '𠮷野家的𠮷，𠀋字，还有 😀。'; then
        fail glyphs/astral "pdftotext does not give back 𠮷野家的𠮷，𠀋字，还有 😀。"
    else
        glyphcheck "$t/astral.pdf"
        if [ "$gc_rc" -eq 0 ]; then
            pass "glyphs/astral: extracted as written; ${gc_line#glyphcheck: }"
        else
            fail glyphs/astral "$gc_line; $(head -n 3 "$t/gc.out")"
        fi
    fi
fi
