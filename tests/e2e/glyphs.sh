#!/bin/sh
# tests/e2e/glyphs.sh [PDF...]: every drawn glyph must look like the source
# font's own outline. pdftotext cannot see libharu 2.3.0's glyph corruption
# (STACK.md), so tests/tools/glyphcheck renders pages and compares glyph images.
#   1. glyphcheck must FAIL on a PDF libharu embedded by itself (harucorrupt)
#      and PASS on the same text written by dp_pdf_write: the check works both ways;
#   2. then the given PDFs, or else the slides of every decks/*.yaml and of
#      the meetup deck with templates/noto.yaml (OpenType/CFF: Noto Sans and
#      Serif CJK SC; when $BUILD/deckpress exists), must pass, pages and font
#      programs: glyphcheck --programs draws every code of every embedded
#      program with FreeType (the bare CFF of a FontFile3, by CID) and
#      compares it with the source font's glyph of that character, and its
#      /W width with the source's advance;
#   3. --programs must fail on a PDF whose codes draw other glyphs than
#      ToUnicode says (the trap of writing a CFF subset's new glyph ids as
#      codes), on widths that are not the source's advances, and on a
#      FontFile3 that claims to be /OpenType.
# Builds its tools into $BUILD/tests/tools with cc (no Makefile rule needed).
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

need_tools glyphs cc pkg-config mutool || exit 0

TOOLS=$BUILD/tests/tools
LIB_SRC="src/util/atomic_file.c src/util/read_file.c src/fonts/fonts.c src/fonts/font_cache.c src/fonts/subset.c src/pdf/subset_cache.c src/pdf/font_programs.c src/pdf/pdf_out.c src/pdf/pdf_content.c src/pdf/pdf_flate.c src/pdf/pdf_font.c src/text/bidi.c src/pdf/pdf_meta.c src/pdf/pdf_packer.c src/pdf/pdf_struct.c src/pdf/pdf_xref.c src/util/bytes.c src/load/image.c src/dlist/dlist.c src/util/arena.c src/util/utf8.c src/util/diag.c"

# shellcheck disable=SC2086
if ! build_tool "$TOOLS/glyphcheck" tests/tools/glyphcheck.c ||
    ! build_tool "$TOOLS/harucorrupt" tests/tools/harucorrupt.c $LIB_SRC; then
    fail glyphs/build "cannot compile the glyph tools: $(head -n 3 "$TOOLS"/*.log)"
    exit 0
fi

GC="$TOOLS/glyphcheck --fontdir fonts"
t=$(dp_tmpdir)

# glyphcheck [--programs] FILE: run it; $gc_rc is its status, $gc_line its summary line.
glyphcheck() {
    gc_rc=0
    $GC "$@" >"$t/gc.out" 2>"$t/gc.err" || gc_rc=$?
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
        deck=decks/llm-founders-meetup.yaml
        dp_run "$t/noto" "$DP" slides "$deck" --template noto -o "$t/meetup-noto.pdf"
        if [ "$rc" -eq 0 ] && [ -f "$t/meetup-noto.pdf" ]; then
            pdfs="$pdfs $t/meetup-noto.pdf"
        else
            fail glyphs/meetup-noto "$deck with --template noto: $(dp_run_detail "$t/noto")"
        fi
    else
        echo "   # no $DP: deck PDFs not checked"
    fi
fi
for pdf in $pdfs; do
    for mode in pages programs; do
        if [ $mode = pages ]; then glyphcheck "$pdf"; else glyphcheck --programs "$pdf"; fi
        name=glyphs/$(basename "$pdf")/$mode
        case $gc_rc in
            0) pass "$name: ${gc_line#glyphcheck: }" ;;
            1) fail "$name" "$gc_line; $(head -n 3 "$t/gc.out")" ;;
            *) fail "$name" "could not check: $gc_line $(first_line "$t/gc.err")" ;;
        esac
    done
done

# The program check works both ways: an uncompressed copy of the Noto PDF
# (qpdf --qdf) with the ToUnicode targets of the first CFF font rotated (so
# each code draws another character's glyph, as when a CFF subset's new
# glyph ids are written as codes), and one whose FontFile3 says /OpenType.
if [ -f "$t/meetup-noto.pdf" ] && command -v qpdf >/dev/null 2>&1; then
    qpdf --qdf --object-streams=disable "$t/meetup-noto.pdf" "$t/qdf.pdf"
    "$PY" - "$t/qdf.pdf" "$t/rotated.pdf" "$t/opentype.pdf" "$t/widths.pdf" <<'PYEOF'
import re, sys
data = open(sys.argv[1], "rb").read()
# the first bfchar block: the first font, Noto Sans CJK SC
at = data.index(b"beginbfchar")
end = data.index(b"endbfchar", at)
pairs = re.findall(rb"(<[0-9A-F]{4}> )(<[0-9A-F]{4}>)", data[at:end])
heads = [p[0] for p in pairs]
tails = [p[1] for p in pairs]
tails = tails[1:] + tails[:1]
block = b"beginbfchar\n" + b"".join(h + t + b"\n" for h, t in zip(heads, tails))
open(sys.argv[2], "wb").write(data[:at] + block + data[end:])
open(sys.argv[3], "wb").write(data.replace(b"/Subtype /CIDFontType0C", b"/Subtype /OpenType    "))
at = data.index(b"/DW 1000")  # the first font's default width: 1 em -> 0.99 em
open(sys.argv[4], "wb").write(data[:at] + b"/DW 990 " + data[at + 8:])
PYEOF
    glyphcheck --programs "$t/rotated.pdf"
    # (a tagged PDF writes the spaces between words, so the rotation may first
    # show as a width: any line naming a wrong glyph will do)
    if [ "$gc_rc" -eq 1 ] && grep -q 'NotoSansCJKsc.*draws another glyph' "$t/gc.out"; then
        pass "glyphs/programs catches codes that draw other glyphs: $(first_line "$t/gc.out")"
    else
        fail glyphs/programs-catches-wrong-codes "status $gc_rc: $gc_line; $(first_line "$t/gc.out")"
    fi
    glyphcheck --programs "$t/widths.pdf"
    if [ "$gc_rc" -eq 1 ] && head -n 1 "$t/gc.out" | grep -q '/W width 990, the source font.s advance 1000'; then
        pass "glyphs/programs catches wrong widths: $(first_line "$t/gc.out")"
    else
        fail glyphs/programs-catches-wrong-widths "status $gc_rc: $gc_line; $(first_line "$t/gc.out")"
    fi
    glyphcheck --programs "$t/opentype.pdf"
    if [ "$gc_rc" -eq 1 ] && grep -q 'not /CIDFontType0C' "$t/gc.out"; then
        pass "glyphs/programs catches /OpenType: $(first_line "$t/gc.out")"
    else
        fail glyphs/programs-catches-opentype "status $gc_rc: $gc_line"
    fi
fi

# Above the BMP: CJK extension B in the Kai face (LXGW WenKai has 𠮷 U+20BB7
# and 𠀋 U+2000B) and an emoji the fallback (DejaVu Sans) has, drawn from the
# right glyphs and extracted as themselves (ToUnicode as UTF-16 surrogates).
# With templates/noto.yaml the same from Noto Serif CJK SC, and 𠮷 in the
# bold headline from Noto Sans CJK SC Bold (CFF, CID-keyed).
if [ $# -eq 0 ] && [ -x "$DP" ]; then
    for tpl in default noto; do
        q=怎么读？
        [ $tpl = noto ] && q=𠮷野家怎么读？
        mkdir -p "$t/astral-$tpl"
        printf '%s\n' 'title: 生僻字' 'sections:' '  - title: 扩展 B' '    items:' \
            "      - question: $q" '        answer: 读作 jí。' \
            '        analysis: 𠮷野家的𠮷，𠀋字，还有 😀。' >"$t/astral-$tpl/deck.yaml"
        pdf=$t/astral-$tpl.pdf
        dp_run "$t/astral-$tpl" "$DP" slides "$t/astral-$tpl/deck.yaml" --template $tpl -o "$pdf"
        if [ "$rc" -ne 0 ] || grep -q -E "warning|error" "$t/astral-$tpl/err"; then
            fail glyphs/astral-$tpl "$(dp_run_detail "$t/astral-$tpl")"
            continue
        fi
        pdftotext "$pdf" "$t/astral-$tpl.txt" 2>/dev/null || true
        missing=
        for want in '𠮷野家的𠮷，𠀋字，还有 😀。' "$q"; do
            grep -q "$want" "$t/astral-$tpl.txt" || missing="$missing $want"
        done
        if [ -n "$missing" ]; then
            fail glyphs/astral-$tpl "pdftotext does not give back:$missing"
            continue
        fi
        glyphcheck "$pdf"
        pages=$gc_line
        [ "$gc_rc" -eq 0 ] && glyphcheck --programs "$pdf"
        if [ "$gc_rc" -eq 0 ]; then
            pass "glyphs/astral-$tpl: extracted as written; ${pages#glyphcheck: }; ${gc_line#glyphcheck: }"
        else
            fail glyphs/astral-$tpl "$gc_line; $(head -n 3 "$t/gc.out")"
        fi
    done
fi
