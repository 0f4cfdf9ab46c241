#!/bin/sh
# tests/e2e/tagged.sh: tagged PDF/UA-1 and PDF/A-2 (issue 17) for slides, the
# booklet and N-up sheets of the meetup deck, decks/example.yaml and every
# deck in ../shared/decks-wild. For each PDF:
#   NAME/render             deckpress exits 0 and writes it
#   NAME/qpdf-check         qpdf --check finds nothing
#   NAME/ua/..., NAME/a/... tests/e2e/pdfua_check.py: the machine-checkable
#                           PDF/UA-1 (Matterhorn) and PDF/A-2 requirements that
#                           apply to what deckpress writes (listed in that file)
#   NAME/text/deck-order    the structure tree's text is the deck's text in deck
#                           order, with no footer, page number or label text
#   NAME/pdfinfo-struct-text  poppler's pdfinfo -struct-text prints every
#                           question, answer and analysis in deck order
# (and tests/e2e/mkrepeats.py's deck, with reveal steps and （续） slides)
#   NAME/pdfjs/...          pdf.js (npm pdfjs-dist, tests/js) finds a structure
#                           tree on every page, and all marked text in it
# and for the meetup deck:
#   tagged/pdfinfo          pdfinfo says "Tagged: yes", PDF 1.7, a metadata stream
#   tagged/no-tags          --no-tags writes an untagged PDF: "Tagged: no", no
#                           structure, no metadata, no output intent, PDF 1.4
#   tagged/no-tags-text     ... with the same text as the tagged one (pdftotext)
#   tagged/size/KIND        the tagged slides, booklet and 3-up sheets are at most
#                           10% larger than their --no-tags twins
#   tagged/contents-words/KIND  the agenda's and contents' rows in the structure
#                           tree keep their number, title and sub-line apart as
#                           words ("02 典型… 30 题"), slides and booklet
#   tagged/pdfa-level       the XMP (pdfinfo -meta) is well-formed XML and says
#                           PDF/A-2 conformance A, and PDF/UA-1
#   tagged/alt-lint         `check` warns about an image without alt: text
#   tagged/alt-figures      each image's Figure has the deck's alt: as /Alt, or
#                           its file name when the deck gives none
#   tagged/lang-spans/...   lang: of items (per field), sections and the closing
#                           is the /Lang of the H2, H3 and P of that text, and
#                           only of those (qpdf JSON), in slides and booklet
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
T=tagged
need_dp "$T" || exit 0
need_tools "$T" pdfinfo pdftotext qpdf node "$PY" || exit 0

wild="$(git rev-parse --show-toplevel 2>/dev/null || pwd)/../shared/decks-wild"
tmp=$(dp_tmpdir)
decks="decks/llm-founders-meetup.yaml decks/example.yaml"
# content drawn twice: reveal steps, （续） slides (tests/e2e/mkrepeats.py)
"$PY" tests/e2e/mkrepeats.py "$tmp/repeats.yaml"
decks="$decks $tmp/repeats.yaml"
if [ -d "$wild" ]; then
    decks="$decks $(ls "$wild"/*.yaml)"
else
    fail "$T/decks-wild" "no $wild (clone the repository with shared/ beside it)"
fi

pdfs=""
for deck in $decks; do
    n=$(basename "$deck" .yaml)
    for kind in slides booklet nup; do
        name="$T/$n/$kind"
        pdf="$tmp/$n.$kind.pdf"
        case $kind in
            slides) dp_run "$tmp/r-$n-$kind" "$DP" slides "$deck" -o "$pdf" ;;
            booklet) dp_run "$tmp/r-$n-$kind" "$DP" handout "$deck" -o "$pdf" --layout booklet ;;
            nup) # the meetup deck: 3-up with note lines; the others 4-up
                 l=4; [ "$n" = llm-founders-meetup ] && l=3
                 dp_run "$tmp/r-$n-$kind" "$DP" handout "$deck" -o "$pdf" --layout $l ;;
        esac
        if [ "$rc" -ne 0 ] || [ ! -s "$pdf" ]; then
            fail "$name/render" "$(dp_run_detail "$tmp/r-$n-$kind")"
            continue
        fi
        pass "$name/render"
        if qpdf --check "$pdf" >"$tmp/qpdf.out" 2>&1; then
            pass "$name/qpdf-check"
        else
            fail "$name/qpdf-check" "$(grep -v '^checking\|^PDF Version\|^File is' "$tmp/qpdf.out" | head -3)"
        fi
        if "$PY" tests/e2e/pdfua_check.py "$name" "$pdf" --deck "$deck" >"$tmp/check.out" 2>"$tmp/check.err"; then
            record_lines "$tmp/check.out"
        else
            record_lines "$tmp/check.out"
            fail "$name/checker" "pdfua_check.py failed: $(tail -n 2 "$tmp/check.err")"
        fi
        pdfs="$pdfs $pdf"
    done
done

# pdf.js, once for every PDF (node starts once)
if [ -f tests/js/node_modules/pdfjs-dist/package.json ]; then
    # shellcheck disable=SC2086
    node tests/js/structtree.js "$T/pdfjs" $pdfs >"$tmp/js.out" 2>"$tmp/js.err" || true
    if grep -q '^PASS\|^FAIL' "$tmp/js.out"; then
        record_lines "$tmp/js.out"
    else
        fail "$T/pdfjs" "node tests/js/structtree.js printed nothing: $(tail -n 2 "$tmp/js.err")"
    fi
else
    fail "$T/pdfjs" "no tests/js/node_modules/pdfjs-dist (sh scripts/setup.sh test runs npm ci in tests/js)"
fi

# the document-level view, and --no-tags
deck=decks/llm-founders-meetup.yaml
info=$(pdfinfo "$tmp/llm-founders-meetup.slides.pdf")
if echo "$info" | grep -q '^Tagged: *yes' && echo "$info" | grep -q '^PDF version: *1.7' &&
    echo "$info" | grep -q '^Metadata Stream: *yes'; then
    pass "$T/pdfinfo"
else
    fail "$T/pdfinfo" "$(echo "$info" | grep -E 'Tagged|PDF version|Metadata' | tr '\n' ' ')"
fi
# contents rows read as words: number, title and the line under it apart
# ("02 典型面试题与算法编程题库 30 题 · 第 02–32 页", not "02典型…题库30 题")
for kind in slides booklet; do
    pdfinfo -struct-text "$tmp/llm-founders-meetup.$kind.pdf" >"$tmp/toc-$kind.txt" 2>&1 || true
    rows=$(awk '/^ *TOCI/{f=1; next} f && /"/{print; f=0}' "$tmp/toc-$kind.txt")
    apart=$(printf '%s\n' "$rows" | grep -c '^ *"[0-9][0-9] [^ ]' || true)
    glued=$(printf '%s\n' "$rows" | grep -E '"[0-9][0-9][^0-9 –]|[^ 0-9][0-9]+ 题' || true)
    if [ "$apart" -ge 3 ] && [ -z "$glued" ]; then
        pass "$T/contents-words/$kind"
    else
        fail "$T/contents-words/$kind" "$apart rows start \"NN \"; run together: $(printf '%s' "$glued" | head -n 2 | tr -s ' ')"
    fi
done
meta=$(pdfinfo -meta "$tmp/llm-founders-meetup.slides.pdf" 2>&1 || true)
if echo "$meta" | grep -q '<pdfaid:part>2</pdfaid:part>' &&
    echo "$meta" | grep -q '<pdfaid:conformance>A</pdfaid:conformance>' &&
    echo "$meta" | grep -q '<pdfuaid:part>1</pdfuaid:part>' &&
    printf '%s' "$meta" | "$PY" -c 'import sys, xml.dom.minidom; xml.dom.minidom.parseString(sys.stdin.buffer.read())'; then
    pass "$T/pdfa-level"
else
    fail "$T/pdfa-level" "no pdfaid part 2 / conformance A / pdfuaid part 1 in the XMP, or it is not well-formed"
fi
dp_run "$tmp/r-untagged" "$DP" slides "$deck" -o "$tmp/untagged.pdf" --no-tags
info=$(pdfinfo "$tmp/untagged.pdf" 2>&1 || true)
if [ "$rc" -eq 0 ] && echo "$info" | grep -q '^Tagged: *no' && echo "$info" | grep -q '^PDF version: *1.4' &&
    ! grep -aq 'StructTreeRoot\|/Metadata\|OutputIntent\|/MarkInfo\|BDC\|/ID' "$tmp/untagged.pdf"; then
    pass "$T/no-tags"
else
    fail "$T/no-tags" "status $rc; $(echo "$info" | grep -E 'Tagged|PDF version' | tr '\n' ' ')"
fi
# issue 17: tagged PDFs at most 10% larger than --no-tags ones (the
# structure tree's objects packed in object streams, src/pdf/pdf_xref.c)
dp_run "$tmp/r-untagged-booklet" "$DP" handout "$deck" -o "$tmp/untagged.booklet.pdf" --layout booklet --no-tags
dp_run "$tmp/r-untagged-nup" "$DP" handout "$deck" -o "$tmp/untagged.nup.pdf" --layout 3 --no-tags
for kind in slides booklet nup; do
    u="$tmp/untagged.$kind.pdf"
    [ "$kind" = slides ] && u="$tmp/untagged.pdf"
    t="$tmp/llm-founders-meetup.$kind.pdf"
    if [ -s "$u" ] && [ -s "$t" ] && [ $(($(wc -c <"$t") * 100)) -le $(($(wc -c <"$u") * 110)) ]; then
        pass "$T/size/$kind"
    else
        fail "$T/size/$kind" "tagged $(wc -c <"$t" 2>/dev/null) bytes, --no-tags $(wc -c <"$u" 2>/dev/null): more than 10% larger"
    fi
done
pdftotext "$tmp/untagged.pdf" "$tmp/untagged.txt"
pdftotext "$tmp/llm-founders-meetup.slides.pdf" "$tmp/tagged.txt"
# the tagged file writes the spaces between words that the untagged one leaves out
if [ "$(tr -d ' \n' <"$tmp/untagged.txt")" = "$(tr -d ' \n' <"$tmp/tagged.txt")" ]; then
    pass "$T/no-tags-text"
else
    fail "$T/no-tags-text" "the untagged PDF's text differs from the tagged one's"
fi

# alt text: `check` warns about an image without it; the PDF's Figure /Alt is
# the deck's alt, else the file name
if [ -f "$wild/images/logo-64.png" ]; then
    mkdir -p "$tmp/alt/images"
    cp "$wild/images/logo-64.png" "$tmp/alt/images/"
    cat >"$tmp/alt/deck.yaml" <<'YAML'
title: 图片描述
sections:
  - title: 第一部分
    items:
      - question: 这是什么？
        answer: 一个标志。
        image: images/logo-64.png
      - question: 那又是什么？
        answer: 同一个标志。
        image: images/logo-64.png
        alt: 邻里帮的圆形标志
YAML
    NO_COLOR=1 dp_run "$tmp/alt/check" "$DP" check "$tmp/alt/deck.yaml"
    if grep -q "deck.yaml:7:16: warning: the image of item 1 has no alt text" "$tmp/alt/check/err" &&
        ! grep -q "item 2 has no alt" "$tmp/alt/check/err"; then
        pass "$T/alt-lint"
    else
        fail "$T/alt-lint" "status $rc; $(head -c 300 "$tmp/alt/check/err")"
    fi
    dp_run "$tmp/alt/slides" "$DP" slides "$tmp/alt/deck.yaml" -o "$tmp/alt/s.pdf"
    alts=$(qpdf --json=2 "$tmp/alt/s.pdf" | "$PY" -c '
import json, sys
objs = json.load(sys.stdin)["qpdf"][1]
for k, o in sorted(objs.items()):
    v = o.get("value") if isinstance(o, dict) else None
    if isinstance(v, dict) and v.get("/S") == "/Figure":
        a = v.get("/Alt", "")
        print(a[2:] if a.startswith("u:") else bytes.fromhex(a[2:])[2:].decode("utf-16-be"))
' | sort | tr '\n' '|')
    if [ "$alts" = "logo-64.png|邻里帮的圆形标志|" ]; then
        pass "$T/alt-figures"
    else
        fail "$T/alt-figures" "Figure /Alt texts: $alts"
    fi
fi

# lang: of items, sections and the closing: /Lang on the structure elements
# of that text (and only there), in the slides and in the booklet
mkdir -p "$tmp/lang"
cat >"$tmp/lang/deck.yaml" <<'YAML'
title: 语言测试
lang: zh-CN
sections:
  - title: Serving at scale
    lang: {title: en}
    items:
      - question: What does disaggregation buy you?
        answer: 好处是时延更稳定。
        analysis: A rule of thumb from the speaker's team.
        lang: {question: en, analysis: en}
      - question: 第二个问题是什么？
        answer: 中文答案。
  - title: English section
    lang: en
    items:
      - question: Fully English item?
        answer: Yes, everything here is English.
      - question: 这一条是中文吗？
        answer: 是的。
        lang: zh-CN
closing:
  title: Thanks
  body: See you next month.
  lang: en
YAML
want="H2=en H3=en P=- P=en H3=- P=- H2=en H3=en P=en H3=zh-CN P=zh-CN H2=en P=en"
for kind in slides booklet; do
    if [ $kind = slides ]; then
        dp_run "$tmp/lang/r-$kind" "$DP" slides "$tmp/lang/deck.yaml" -o "$tmp/lang/$kind.pdf"
    else
        dp_run "$tmp/lang/r-$kind" "$DP" handout "$tmp/lang/deck.yaml" -o "$tmp/lang/$kind.pdf" --layout booklet
    fi
    # the H2, H3 and P elements inside the Sects, in tree order, with their /Lang
    got=$(qpdf --json=2 "$tmp/lang/$kind.pdf" 2>/dev/null | "$PY" -c '
import json, sys
objs = json.load(sys.stdin)["qpdf"][1]
val = lambda r: objs.get("obj:" + r, {}).get("value") if isinstance(r, str) and r.endswith(" R") else r
root = val(next(o["value"]["/StructTreeRoot"] for o in objs.values()
                if isinstance(o, dict) and isinstance(o.get("value"), dict) and "/StructTreeRoot" in o["value"]))
out = []
def walk(e, in_sect):
    e = val(e)
    if not isinstance(e, dict) or "/S" not in e:
        return
    s = e["/S"][1:]
    if in_sect and s in ("H2", "H3", "P"):
        lang = e.get("/Lang", "u:-")
        out.append("%s=%s" % (s, lang[2:] if lang.startswith("u:") else lang))
    k = e.get("/K", [])
    for x in (k if isinstance(k, list) else [k]):
        walk(x, in_sect or s == "Sect")
walk(root["/K"], False)
print(" ".join(out))' 2>&1)
    if [ "$rc" -eq 0 ] && [ "$got" = "$want" ]; then
        pass "$T/lang-spans/$kind"
    else
        fail "$T/lang-spans/$kind" "status $rc; /Lang of H2 H3 P in the Sects: $got (want $want)"
    fi
done
"$PY" tests/e2e/pdfua_check.py "$T/lang-spans/slides" "$tmp/lang/slides.pdf" --deck "$tmp/lang/deck.yaml" >"$tmp/lang/check.out" 2>&1 ||
    fail "$T/lang-spans/checker" "$(tail -n 2 "$tmp/lang/check.out")"
record_lines "$tmp/lang/check.out"
