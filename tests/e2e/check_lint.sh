#!/bin/sh
# tests/e2e/check_lint.sh: `deckpress check` = everything a build reports,
# writing nothing, plus lint (src/cli/lint.c).
#   meetup-duplicates   the meetup deck's repeated questions (items 9/20, 8/22,
#                       7/28, 15/30) are warnings at the later question, each
#                       with a note at the earlier one; 7/28 says the answers differ
#   meetup-status       without --strict the meetup deck passes (exit 0); with
#                       --strict its warnings fail it (exit 1)
#   clean               a clean deck: exit 0 and no warning, with and without --strict
#   placeholder-*       TODO, 待定, XXX and a "..." body are warnings at the
#                       placeholder's own line:col
#   empty-key           "analysis:" with nothing after it is a warning at the key
#   near-duplicate      a question 94% like an earlier one is a warning naming both
#   long-question       a 70-character question is a warning (too long to read aloud)
#   shrunk              of items whose answers grow by a few characters at a time,
#                       some are reported as shrunk to fit (answer 22 -> N pt) and
#                       the longest as continuing on a （续） slide
#   uncovered           a character no font has is a warning at its position
#   errors              a broken deck exits 1 with FILE:LINE:COL: error:
#   handout             the handout is laid out too: a handout option a build
#                       would reject (--layout 5) fails check the same way (exit 2)
#   writes-nothing      no file appears in the deck's folder or the current folder
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=check
need_dp "$T" || exit 0
need_tools "$T" "$PY" || exit 0
tmp=$(dp_tmpdir)
meetup=decks/llm-founders-meetup.yaml


# ---------------------------------------------------------------- meetup
NO_COLOR=1 dp_run "$tmp/meetup" "$DP" check "$meetup"
meetup_rc=$rc
st=0
"$PY" - "$meetup" "$tmp/meetup/err" >"$tmp/meetup.res" 2>&1 <<'PY' || st=$?
import re, sys
deck, err = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
lines = open(deck, encoding="utf-8").read().split("\n")
qline = {}  # item number -> 1-based line of its question
n = 0
for i, l in enumerate(lines):
    if re.match(r"\s*(- )?question:", l):
        n += 1
        qline[n] = i + 1
bad = []
for later, first in ((20, 9), (22, 8), (28, 7), (30, 15)):
    w = re.search(r"^%s:%d:\d+: warning: the question of item %d repeats item %d\b(.*)$"
                  % (re.escape(deck), qline[later], later, first), err, re.M)
    nt = re.search(r"^%s:%d:\d+: note: item %d asks it here$" % (re.escape(deck), qline[first], first), err, re.M)
    if not w:
        bad.append("no warning at %s:%d for item %d repeating %d" % (deck, qline[later], later, first))
    elif not nt:
        bad.append("no note at %s:%d (item %d)" % (deck, qline[first], first))
    elif later == 28 and "answers differ" not in w.group(1):
        bad.append("7/28: does not say the answers differ: %s" % w.group(1))
    elif later != 28 and "answers differ" in w.group(1):
        bad.append("%d/%d: says the answers differ" % (first, later))
dups = len(re.findall(r": warning: the question of item \d+ (repeats|is nearly)", err))
if dups != 4:
    bad.append("%d duplicate warnings, want 4" % dups)
print("FAIL check/meetup-duplicates: " + "; ".join(bad) if bad else "PASS check/meetup-duplicates")
PY
record_lines "$tmp/meetup.res" check/meetup-duplicates "$st"

dp_run "$tmp/meetup-strict" "$DP" check "$meetup" --strict
if [ "$meetup_rc" -eq 0 ] && [ "$rc" -eq 1 ]; then
    pass "$T/meetup-status"
else
    fail "$T/meetup-status" "status $meetup_rc without --strict (want 0), $rc with it (want 1)"
fi

# ---------------------------------------------------------------- clean deck
mkdir -p "$tmp/clean"
cat >"$tmp/clean/clean.yaml" <<'EOF'
title: 干净的示例
sections:
  - title: 第一部分
    items:
      - title: 评估
        question: 上线前怎样准备评估集？
        answer: 从真实流量中抽样，去除个人信息。
        analysis: 评估集是所有优化的尺子。
      - title: 成本
        question: 调用量上来以后，推理成本怎么降？
        answer: 缓存常见问题，小模型先答。
EOF
dp_run "$tmp/clean/run" "$DP" check "$tmp/clean/clean.yaml"
c1=$rc
dp_run "$tmp/clean/strict" "$DP" check "$tmp/clean/clean.yaml" --strict
if [ "$c1" -eq 0 ] && [ "$rc" -eq 0 ] && ! grep -q 'warning' "$tmp/clean/run/err"; then
    pass "$T/clean"
else
    fail "$T/clean" "status $c1 / --strict $rc (want 0 / 0); stderr: $(first_line "$tmp/clean/run/err")"
fi

# ---------------------------------------------------------------- lint findings
mkdir -p "$tmp/lint"
lint=$tmp/lint/lint.yaml
"$PY" - "$lint" <<'PY'
import sys
seg = "大规模训练数据通常来源于公开数据集、企业内部数据、网络爬虫获取的数据等。处理方法包括数据清洗、去重、格式化、标签化等。" * 4
ana = "数据清洗和预处理是训练大模型的关键步骤，确保数据质量对于模型效果至关重要。例如，使用Python的Pandas库进行数据清洗，使用TensorFlow或PyTorch库进行数据预处理。数据清洗和预处理是训练大模型的关键步骤，确保数据质量对于模型效果至关重要。"
out = """title: 检查示例
subtitle: TODO
venue: 待定
intro:
  body: "..."
sections:
  - title: 第一部分
    items:
      - title: 原题
        question: 如何评估一个大模型应用在生产环境中的效果？
        answer: 用真实问题构建评估集。
      - title: 相近
        question: 如何评估一个大模型应用在生产环境中的实际效果？
        answer: 先定义指标，再抽样复查，XXX 公司的做法可以参考。
        analysis:
      - title: 很长的问题
        question: 在一个拥有数百万日活用户、多语言、多地区部署并且需要满足严格数据合规要求的客服问答系统中，如何设计一套既能覆盖长尾问题又能持续更新的评估集？
        answer: 分层抽样。
      - title: 生僻字
        question: 彝文字符ꀀ能显示吗？
        answer: 不能。
"""
for k in range(60, 141, 4):
    out += "      - title: 长度%d\n        question: 第%d题？\n        answer: %s。\n        analysis: %s\n" % (k, k, seg[:k], ana)
open(sys.argv[1], "w", encoding="utf-8").write(out)
PY
NO_COLOR=1 dp_run "$tmp/lint/run" "$DP" check "$lint"
lint_rc=$rc
err=$tmp/lint/run/err
# expect NAME PATTERN: a line of stderr matching the extended regex
expect() {
    if grep -Eq "$2" "$err"; then pass "$T/$1"; else fail "$T/$1" "no line matching /$2/ (status $lint_rc): $(head -c 300 "$err")"; fi
}
expect placeholder-todo "^$lint:2:11: warning: the deck's subtitle contains the placeholder \"TODO\""
expect placeholder-cjk "^$lint:3:8: warning: venue contains the placeholder \"待定\""
expect placeholder-dots "^$lint:5:9: warning: the intro's body is a placeholder"
expect placeholder-xxx "^$lint:14:29: warning: the answer of item 2 contains the placeholder \"XXX\""
expect empty-key "^$lint:15:9: warning: \"analysis\" is empty"
expect near-duplicate "^$lint:13:19: warning: the question of item 2 is nearly the same as item 1's \\(9[0-9]% alike\\)"
expect long-question "^$lint:17:19: warning: the question of item 3 has 70 characters"
expect shrunk "warning: item [0-9]+ \\(\"长度[0-9]+\"\\) was shrunk to fit one slide: answer 22 → (2[01]) pt"
expect continued "warning: item [0-9]+ \\(\"长度1[0-9][0-9]\"\\) does not fit on one slide"
expect uncovered "^$lint:20:[0-9]+: warning: .*(U\\+A000|ꀀ)"
if [ "$lint_rc" -eq 0 ]; then pass "$T/warnings-exit-0"; else fail "$T/warnings-exit-0" "status $lint_rc, want 0 (warnings only)"; fi
dp_run "$tmp/lint/strict" "$DP" check "$lint" --strict
if [ "$rc" -eq 1 ]; then pass "$T/warnings-strict-1"; else fail "$T/warnings-strict-1" "status $rc, want 1"; fi

# ---------------------------------------------------------------- errors
sed 's/^title: 检查示例/title: [检查示例/' "$lint" >"$tmp/lint/broken.yaml"
NO_COLOR=1 dp_run "$tmp/lint/broken" "$DP" check "$tmp/lint/broken.yaml"
if [ "$rc" -eq 1 ] && grep -Eq "^$tmp/lint/broken.yaml:[0-9]+:[0-9]+: error: " "$tmp/lint/broken/err"; then
    pass "$T/errors"
else
    fail "$T/errors" "status $rc (want 1); stderr: $(first_line "$tmp/lint/broken/err")"
fi

NO_COLOR=1 dp_run "$tmp/clean/handout" "$DP" check "$tmp/clean/clean.yaml" --layout 5
if [ "$rc" -eq 2 ] && grep -q 'error: unknown handout layout "5" (--layout)' "$tmp/clean/handout/err"; then
    pass "$T/handout"
else
    fail "$T/handout" "status $rc (want 2: a bad command line); stderr: $(first_line "$tmp/clean/handout/err")"
fi

# ---------------------------------------------------------------- writes nothing
before=$(ls -A "$tmp/lint" | sort | tr '\n' ' ')
here=$(ls -A . | sort | tr '\n' ' ')
( cd "$tmp/lint" && "$DP" check lint.yaml >/dev/null 2>&1 ) || true
after=$(ls -A "$tmp/lint" | sort | tr '\n' ' ')
if [ "$before" = "$after" ] && [ "$here" = "$(ls -A . | sort | tr '\n' ' ')" ]; then
    pass "$T/writes-nothing"
else
    fail "$T/writes-nothing" "before: [$before] after: [$after]"
fi
