#!/bin/sh
# tests/e2e/labels.sh: a deck's language is respected (src/load/labels.c):
#   en-slides     the decks-wild `lang: en` deck: slides say Agenda, Answer,
#                 Analysis, "(continued)", "4 questions · slides 03–11", and
#                 no built-in Chinese label (议程 答案 解析 （续） "N 题" …)
#   en-nup        its 6-up handout: "Handout · 6 per page", "Cover"
#   en-booklet    its booklet: Contents, Question, Date "June 11, 2026",
#                 "2 sections · 8 questions", "Part 1"; no Chinese label
#   zh-default    a deck without lang: keeps 议程 答案 解析 （续）
#   zh-hant       lang: zh-TW: 議程 and （續）
#   rail-continued  "Answer (continued)", wider than the booklet's rail,
#                 never runs into the text beside it
#   overrides     labels: in a template and in the deck: the deck's wins over
#                 the template's, which wins over the language's (also for
#                 the intro's default title); overrides-handout: the same
#                 words in the booklet, laid out with the print template
#   unknown-lang  lang: fr: a warning at the lang line, English labels
#   read-words    check: an English question is timed in words (a 14-word
#                 question is not "too long to read aloud", a 44-word one is,
#                 in words); the en deck's long questions give no such warning
#   placeholders  check: 占位符, 待定系数法 and 抢占位置 are words, not
#                 placeholders; （占位）, 时间待定。 and 此处填写 are
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=labels
need_dp "$T" || exit 0
need_tools "$T" "$PY" pdftotext || exit 0
tmp=$(dp_tmpdir)
wild="$(git rev-parse --show-toplevel 2>/dev/null || pwd)/../shared/decks-wild"
en=$wild/oss-llm-infra-night-bilingual.yaml

# texts NAME PDF WANT... : pdftotext of PDF holds every WANT (a line, or
# with ~ a part of a line) and no built-in Chinese label
cat >"$tmp/texts.py" <<'PY'
import re, sys
name, path, *want = sys.argv[1:]
lines = [l.strip() for l in open(path, encoding="utf-8").read().split("\n")]
text = "\n".join(lines)
zh_alone = {"答案", "解析", "议程", "引言", "结语", "目录", "封面", "题目", "日期", "地点",
            "主办", "内容", "笔记", "备注"}
bad = [l for l in lines if l in zh_alone or "（续）" in l or re.search(r"\d+ 题", l)
       or l.startswith("讲义") or re.search(r"第.{1,3}部分", l)]
missing = [w for w in want if (w[1:] not in text if w.startswith("~") else w not in lines)]
if missing:
    print("FAIL %s: missing %s" % (name, " | ".join(missing)))
elif bad:
    print("FAIL %s: Chinese labels: %s" % (name, " | ".join(bad[:5])))
else:
    print("PASS %s" % name)
PY
texts() {
    name=$1 pdf=$2
    shift 2
    if pdftotext -enc UTF-8 "$pdf" "$tmp/t.txt" 2>/dev/null; then
        "$PY" "$tmp/texts.py" "$name" "$tmp/t.txt" "$@" >"$tmp/t.res" 2>&1 ||
            fail "$name" "checker failed: $(tail -n 2 "$tmp/t.res")"
        record_lines "$tmp/t.res"
    else
        fail "$name" "no PDF to read: $pdf"
    fi
}

if [ ! -f "$en" ]; then
    fail "$T/en-slides" "no $en"
else
    mkdir -p "$tmp/en"
    dp_run "$tmp/en/b" "$DP" build "$en" -o "$tmp/en"
    dp_run "$tmp/en/k" "$DP" handout "$en" --layout booklet -o "$tmp/en/booklet.pdf"
    if [ "$rc" -ne 0 ]; then
        fail "$T/en-booklet" "$(dp_run_detail "$tmp/en/k")"
    else
        texts "$T/en-booklet" "$tmp/en/booklet.pdf" Contents Question Answer Analysis "June 11, 2026" \
            "2 sections · 8 questions" "~Part 1" "~Welcome"
    fi
    texts "$T/en-slides" "$tmp/en/oss-llm-infra-night-bilingual.slides.pdf" Agenda Answer Analysis \
        "4 questions · slides 03–11" "~(continued)"
    texts "$T/en-nup" "$tmp/en/oss-llm-infra-night-bilingual.handout.pdf" "~Handout · 6 per page" "~Cover"

    NO_COLOR=1 dp_run "$tmp/en/c" "$DP" check "$en"
    if grep -q "to read aloud" "$tmp/en/c/err"; then
        fail "$T/read-words-en-deck" "$(grep -m 1 'to read aloud' "$tmp/en/c/err")"
    else
        pass "$T/read-words-en-deck"
    fi
fi

# ---------------------------------------------------------------- small decks
deck() { # FILE LANG-LINE LABELS-LINES
    {
        printf 'title: Labels\n%s\n%s\n' "$2" "$3"
        cat <<'YAML'
intro:
  body: Opening words.
sections:
  - title: Serving
    items:
      - question: What does prefill/decode disaggregation actually buy you?
        answer: |
YAML
        i=0
        while [ $i -lt 60 ]; do
            printf '          第 %d 段：把预填充和解码分开，让两种负载各自在合适的硬件上运行。\n\n' $i
            i=$((i + 1))
        done
        printf '        analysis: Worth it at scale.\n'
    } >"$1"
}
deck "$tmp/zh.yaml" "" ""
dp_run "$tmp/zh" "$DP" slides "$tmp/zh.yaml" -o "$tmp/zh.pdf"
if pdftotext -enc UTF-8 "$tmp/zh.pdf" "$tmp/zh.txt" 2>/dev/null &&
    grep -qx '议程' "$tmp/zh.txt" && grep -qx '答案' "$tmp/zh.txt" && grep -qx '解析' "$tmp/zh.txt" &&
    grep -q '（续）' "$tmp/zh.txt" && grep -qx '引言' "$tmp/zh.txt"; then
    pass "$T/zh-default"
else
    fail "$T/zh-default" "$(dp_run_detail "$tmp/zh"); text: $(head -c 300 "$tmp/zh.txt" 2>/dev/null)"
fi

deck "$tmp/hant.yaml" "lang: zh-TW" ""
dp_run "$tmp/hant" "$DP" slides "$tmp/hant.yaml" -o "$tmp/hant.pdf"
if pdftotext -enc UTF-8 "$tmp/hant.pdf" "$tmp/hant.txt" 2>/dev/null &&
    grep -qx '議程' "$tmp/hant.txt" && grep -q '（續）' "$tmp/hant.txt"; then
    pass "$T/zh-hant"
else
    fail "$T/zh-hant" "$(dp_run_detail "$tmp/hant")"
fi

# a template with labels: (a copy of the default) and a deck with its own
{
    cat templates/default.yaml
    printf '\nlabels:\n  answer: Reply\n  agenda: Running order\n  intro: Opening\n'
} >"$tmp/mine.yaml"
deck "$tmp/over.yaml" "lang: en
template: $tmp/mine.yaml" "labels:
  agenda: Tonight
  continued: \" (more)\""
dp_run "$tmp/over" "$DP" slides "$tmp/over.yaml" -o "$tmp/over.pdf"
if [ "$rc" -ne 0 ]; then
    fail "$T/overrides" "$(dp_run_detail "$tmp/over")"
else
    texts "$T/overrides" "$tmp/over.pdf" Tonight Reply Analysis Opening "~(more)"
fi
# handouts use the print template's look, but the words of the deck's template
dp_run "$tmp/overh" "$DP" handout "$tmp/over.yaml" --layout booklet -o "$tmp/overh.pdf"
if [ "$rc" -ne 0 ]; then
    fail "$T/overrides-handout" "$(dp_run_detail "$tmp/overh")"
else
    texts "$T/overrides-handout" "$tmp/overh.pdf" Reply Analysis Opening "~(more)"
fi

deck "$tmp/fr.yaml" "lang: fr" ""
NO_COLOR=1 dp_run "$tmp/fr" "$DP" slides "$tmp/fr.yaml" -o "$tmp/fr.pdf"
if [ "$rc" -eq 0 ] && grep -q "^$tmp/fr.yaml:2:7: warning: no built-in labels for lang \"fr\"" "$tmp/fr/err"; then
    texts "$T/unknown-lang" "$tmp/fr.pdf" Agenda Answer
else
    fail "$T/unknown-lang" "$(dp_run_detail "$tmp/fr"): $(head -n 1 "$tmp/fr/err")"
fi

# a block continued on the next booklet page: "Answer (continued)" is wider
# than the rail, and must not run into the text beside it
{
    printf 'title: Long\nlang: en\nsections:\n  - title: S\n    items:\n'
    printf '      - title: Topic\n        question: Why?\n        answer: |\n'
    i=0
    while [ $i -lt 90 ]; do
        printf '          Paragraph %d of a long answer that goes on so that the booklet continues it on the next page.\n\n' $i
        i=$((i + 1))
    done
} >"$tmp/long.yaml"
dp_run "$tmp/long" "$DP" handout "$tmp/long.yaml" --layout booklet -o "$tmp/long.pdf"
if [ "$rc" -ne 0 ] || ! pdftotext -bbox "$tmp/long.pdf" "$tmp/long.html" 2>/dev/null; then
    fail "$T/rail-continued" "$(dp_run_detail "$tmp/long")"
else
    "$PY" - "$tmp/long.html" >"$tmp/long.res" <<'PY' || fail "$T/rail-continued" "checker failed"
import re, sys
marks, hits = [], []
for page in open(sys.argv[1], encoding="utf-8").read().split("<page ")[1:]:
    words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in
             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)]
    for i, m in enumerate(words):
        if m[4] != "(continued)":
            continue
        marks.append(m)
        hits += [(m[4], w[4]) for j, w in enumerate(words) if j != i and w[0] < m[2] and w[2] > m[0]
                 and w[1] < m[3] and w[3] > m[1]]
if not marks:
    print("FAIL labels/rail-continued: no (continued) mark in the booklet")
elif hits:
    print("FAIL labels/rail-continued: the mark overlaps the text: %s" % hits[:3])
else:
    print("PASS labels/rail-continued")
PY
    record_lines "$tmp/long.res"
fi

# ---------------------------------------------------------------- lint
cat >"$tmp/lint.yaml" <<'YAML'
title: Lint
lang: en
sections:
  - title: Words
    items:
      - question: What does prefill/decode disaggregation actually buy you, and when is it not worth it?
        answer: 占位符是 SQL 里的问号；待定系数法是一种解题方法；不要抢占位置。
      - question: When you run a large model behind a busy public API and the traffic is spiky, how do you decide between scaling out with more replicas, scaling up with bigger GPUs, or adding a queue in front, and which numbers do you watch first?
        answer: （占位）
        analysis: 时间待定。
        notes: 此处填写讲者备注
YAML
NO_COLOR=1 dp_run "$tmp/lint" "$DP" check "$tmp/lint.yaml"
err=$tmp/lint/err
if grep -q "^$tmp/lint.yaml:6:.*to read aloud" "$err"; then
    fail "$T/read-words" "a 14-word question is too long: $(grep -m 1 'read aloud' "$err")"
elif ! grep -q "^$tmp/lint.yaml:8:[0-9]*: warning: the question of item 2 has 44 words, about 18 s to read aloud" "$err"; then
    fail "$T/read-words" "no word-counted warning for the 44-word question: $(grep -m 1 'read aloud' "$err" || echo none)"
else
    pass "$T/read-words"
fi
if grep -q "^$tmp/lint.yaml:7:.*placeholder" "$err"; then
    fail "$T/placeholders" "real words flagged: $(grep -m 1 "lint.yaml:7:.*placeholder" "$err")"
elif [ "$(grep -c 'placeholder "\(待定\|此处填写\|占位\)"' "$err")" -ne 3 ]; then
    fail "$T/placeholders" "want 3 placeholders (（占位）, 时间待定。, 此处填写): $(grep placeholder "$err" | tr '\n' ' ')"
else
    pass "$T/placeholders"
fi
