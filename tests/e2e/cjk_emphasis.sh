#!/bin/sh
# tests/e2e/cjk_emphasis.sh: **bold** and *emphasis* next to Chinese
# punctuation come out as the writer meant (README "The deck format": the
# CJK-friendly emphasis rules), read back with poppler.
#   text        pdftotext of the slides and the booklet has no asterisk from
#               **林舟：**我, 的**“大模型”**是, **重点。**然后, **！**, **（附录）**,
#               *“慢一点”*, **Rust（1.75）**; the runs that are not emphasis
#               ("2 ** 10", \*\* escaped) are printed as written
#   kai-bold    bold text in the analysis (Kai) written **“能离客户多近”**：
#               embeds the Kai bold face (pdffonts), as its only bold
#   dump        the display list sets 林舟： and “大模型” bold (stroked Hei)
#   links       [文档](https://…)。 followed by *强调*: the emphasis is set, the
#               link's URI is whole; a bare URL before 。 links without the 。
#   check       `check` warns about a ** that pairs with no other, at its
#               line:column, and not about any of the above
#   wild        founders-fireside-shanghai (decks-wild) prints no asterisk
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=cjk_emphasis
need_dp "$T" || exit 0
need_tools "$T" pdftotext pdffonts qpdf || exit 0
tmp=$(dp_tmpdir)

cat >"$tmp/e.yaml" <<'YAML'
title: 强调
sections:
  - title: 节
    items:
      - question: 强调？
        answer: |
          **林舟：**我之前做产品。今天的**“大模型”**是重点。这是**重点。**然后太好了**！**真的，
          见**（附录）**说明。他说*“慢一点”*就好。用**Rust（1.75）**写。2 ** 10 等于 1024，转义 \*\* 照印。
        analysis: |
          早期招聘的核心是**“能离客户多近”**：工程师要能看懂客户数据。
      - question: 链接？
        answer: |
          原论文见 [LN](https://arxiv.org/abs/1607.06450)。后面*强调一下*。
          详见 https://example.org/faq。下一句。
YAML

dp_run "$tmp/b" "$DP" build "$tmp/e.yaml" -o "$tmp"
if [ "$rc" -ne 0 ]; then
    fail "$T/build" "$(dp_run_detail "$tmp/b")"
    exit 0
fi
pdftotext "$tmp/e.slides.pdf" "$tmp/slides.txt"
pdftotext "$tmp/e.handout.pdf" "$tmp/booklet.txt"
bad=""
for f in slides booklet; do
    # only the two runs that are not emphasis keep their asterisks
    stars=$(tr -d '\n' <"$tmp/$f.txt" | grep -o '\*' | wc -l)
    tr -d '\n' <"$tmp/$f.txt" >"$tmp/$f.one"
    for want in "林舟：我之前" "今天的“大模型”是" "这是重点。然后" "太好了！真的" "见（附录）说明" \
                "他说“慢一点”就好" "Rust（1.75）写" "2 ** 10" "转义 ** 照印"; do
        grep -qF "$want" "$tmp/$f.one" || bad="$bad $f lacks [$want];"
    done
    [ "$stars" -eq 4 ] || bad="$bad $f has $stars asterisks (want the 4 of 2 ** 10 and \\*\\*);"
done
if [ -z "$bad" ]; then pass "$T/text"; else fail "$T/text" "$bad"; fi

# the only bold in Kai is the analysis's: its bold face is embedded
if pdffonts "$tmp/e.slides.pdf" | grep -q 'WenKai-Bold'; then
    pass "$T/kai-bold"
else
    fail "$T/kai-bold" "no Kai bold face: $(pdffonts "$tmp/e.slides.pdf" | tail -n +3 | awk '{print $1}' | tr '\n' ' ')"
fi

"$DP" slides "$tmp/e.yaml" -o "$tmp/d.pdf" --dump >"$tmp/dump" 2>/dev/null || true
if grep -q 'stroke=[0-9.]* .*"林舟："' "$tmp/dump" && grep -q 'stroke=[0-9.]* .*"“大模型”"' "$tmp/dump"; then
    pass "$T/dump"
else
    fail "$T/dump" "not bold: $(grep -E '林舟|大模型' "$tmp/dump" | head -n 3)"
fi

qpdf --json "$tmp/e.slides.pdf" >"$tmp/json" 2>/dev/null || true
uris=$(grep -o '"/URI": "[^"]*"' "$tmp/json" | sort -u | tr '\n' ' ')
if grep -qF '后面强调一下' "$tmp/slides.one" && printf '%s' "$uris" | grep -qF '"u:https://arxiv.org/abs/1607.06450"' &&
   printf '%s' "$uris" | grep -qF '"u:https://example.org/faq"' && ! printf '%s' "$uris" | grep -q 'faq。'; then
    pass "$T/links"
else
    fail "$T/links" "URIs: $uris"
fi

# the same first item, with an answer whose ** has no partner
{ head -n 6 "$tmp/e.yaml"; printf '          这里有未闭合的**粗体，后面没有了。\n'; } >"$tmp/bad.yaml"
dp_run "$tmp/c" "$DP" check "$tmp/e.yaml"
dp_run "$tmp/c2" "$DP" check "$tmp/bad.yaml"
if ! grep -q 'asterisks' "$tmp/c/err" && grep -q 'bad.yaml:7:18: warning: this \*\* pairs with no other in its paragraph' "$tmp/c2/err"; then
    pass "$T/check"
else
    fail "$T/check" "good deck: $(grep warning "$tmp/c/err" | head -n 3); bad deck: $(grep warning "$tmp/c2/err" | head -n 3)"
fi

wild="$(git rev-parse --show-toplevel)/../shared/decks-wild"
deck="$wild/founders-fireside-shanghai.yaml"
if [ -f "$deck" ]; then
    dp_run "$tmp/w" "$DP" slides "$deck" -o "$tmp/w.pdf"
    n=$(pdftotext "$tmp/w.pdf" - 2>/dev/null | grep -c '\*' || true)
    if [ "$rc" -eq 0 ] && [ "$n" -eq 0 ]; then pass "$T/wild"; else fail "$T/wild" "status $rc, $n lines with asterisks"; fi
else
    fail "$T/wild" "no $deck (CI clones shared/ beside the repository)"
fi
