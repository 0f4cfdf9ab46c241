#!/bin/sh
# tests/e2e/warnings.sh: what deckpress accepts but would surprise its author
# is said, in check and in builds, and its messages read well (issue 14).
#   no-sections/CMD      a deck with no sections warns (check, build)
#   empty-section/CMD    `items: []` and a section without items warn, each
#                        at its section with its number and title
#   yaml-tag             a tag outside the core schema (!!python/object/apply)
#                        is named at its line:col and said to be ignored
#   control-char         a C0 character from an escape is named (U+001B, ESC)
#                        with its place
#   font-chain           the first font of a role missing while a later one
#                        serves: a warning naming both
#   qr-not-url           qr: example.org/join warns, suggests https://example.org/join
#   no-effect/...        --speaker with slides, --strict with build, --columns
#                        with an N-up handout, --column-first with the booklet;
#                        nothing when the option is used
#   shrink/CMD           build and slides report an item shrunk to fit, once
#   warnings-first       every warning comes before the first "wrote" line
#   missing-char-once    a character no font has, in a section title (slides,
#                        agenda, divider, booklet), is reported once per build
#   name-cut             a long item name in a warning is its first 24
#                        characters and "…", valid UTF-8
#   case-insensitive     paper: A4, layout: Booklet, theme: Dark are accepted;
#                        --paper LETTER gives Letter pages
#   did-you-mean/...     unknown commands and options get a suggestion, exit 2
#   usage-status         a bad --layout and a bad --aspect exit with the same
#                        status (2, a bad command line)
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=warnings
need_dp "$T" || exit 0
need_tools "$T" pdfinfo "$PY" || exit 0
tmp=$(dp_tmpdir)
NO_COLOR=1
export NO_COLOR

# expect NAME DIR PATTERN: pass when DIR's run exited 0 and stderr has PATTERN
expect() {
    if [ "$(cat "$2/rc")" -ne 0 ]; then
        fail "$1" "status $(cat "$2/rc"): $(head -n 2 "$2/err")"
    elif grep -qF -- "$3" "$2/err"; then
        pass "$1"
    else
        fail "$1" "no [$3] in: $(head -n 4 "$2/err")"
    fi
}

item='      - question: 问题？
        answer: 答案。'

# ---------------------------------------------------------------- point 3
printf 'title: 空\nsections: []\n' >"$tmp/none.yaml"
dp_run "$tmp/none-check" "$DP" check "$tmp/none.yaml"
expect "$T/no-sections/check" "$tmp/none-check" "none.yaml:2:11: warning: the deck has no sections"
dp_run "$tmp/none-build" "$DP" build "$tmp/none.yaml" -o "$tmp/none-out"
expect "$T/no-sections/build" "$tmp/none-build" "warning: the deck has no sections"

cat >"$tmp/empty.yaml" <<DECK
title: 空节
sections:
  - title: 第一节
    items: []
  - title: 第二节
  - title: 第三节
    items:
$item
DECK
dp_run "$tmp/empty-check" "$DP" check "$tmp/empty.yaml"
dp_run "$tmp/empty-build" "$DP" build "$tmp/empty.yaml" -o "$tmp/empty-out"
for cmd in check build; do
    if [ "$(cat "$tmp/empty-$cmd/rc")" -eq 0 ] &&
        grep -qF 'empty.yaml:3:5: warning: section 1 ("第一节") has no items' "$tmp/empty-$cmd/err" &&
        grep -qF 'empty.yaml:5:5: warning: section 2 ("第二节") has no items' "$tmp/empty-$cmd/err" &&
        ! grep -q 'section 3' "$tmp/empty-$cmd/err"; then
        pass "$T/empty-section/$cmd"
    else
        fail "$T/empty-section/$cmd" "status $(cat "$tmp/empty-$cmd/rc"): $(grep warning "$tmp/empty-$cmd/err" | head -n 3)"
    fi
done

cat >"$tmp/odd.yaml" <<DECK
title: "标题\\e[31m红"
venue: !!python/object/apply:os.system ls
sections:
  - title: 一
    items:
$item
closing:
  qr: example.org/join
DECK
dp_run "$tmp/odd" "$DP" build "$tmp/odd.yaml" -o "$tmp/odd-out"
expect "$T/yaml-tag" "$tmp/odd" 'odd.yaml:2:8: warning: YAML tag "!!python/object/apply:os.system" is not part of the core schema and is ignored'
expect "$T/control-char" "$tmp/odd" 'odd.yaml:1:8: warning: control character U+001B (ESC) at character 3 of this text'
expect "$T/qr-not-url" "$tmp/odd" 'hint: did you mean "https://example.org/join"?'

mkdir -p "$tmp/fc/templates"
sed 's/^  hei: \[/  hei: ["Nowhere Hei Zz", /' templates/default.yaml >"$tmp/fc/templates/chain.yaml"
printf 'title: 字体\ntemplate: chain\nsections:\n  - title: 一\n    items:\n%s\n' "$item" >"$tmp/fc/deck.yaml"
dp_run "$tmp/fc/run" "$DP" slides "$tmp/fc/deck.yaml" -o "$tmp/fc/s.pdf"
expect "$T/font-chain" "$tmp/fc/run" 'warning: font "Nowhere Hei Zz", the first of role "hei", is not installed: "WenQuanYi Micro Hei" is used instead'

deck=decks/llm-founders-meetup.yaml
dp_run "$tmp/ne1" "$DP" slides "$deck" -o "$tmp/ne1/s.pdf" --speaker
expect "$T/no-effect/speaker-slides" "$tmp/ne1" "warning: --speaker has no effect with slides"
dp_run "$tmp/ne2" "$DP" build "$deck" -o "$tmp/ne2" --strict
expect "$T/no-effect/strict-build" "$tmp/ne2" "warning: --strict has no effect with build"
dp_run "$tmp/ne3" "$DP" handout "$deck" -o "$tmp/ne3/h.pdf" --layout 4 --columns 2
expect "$T/no-effect/columns-nup" "$tmp/ne3" "warning: --columns has no effect on an N-up handout"
dp_run "$tmp/ne4" "$DP" handout "$deck" -o "$tmp/ne4/h.pdf" --column-first
expect "$T/no-effect/column-first-booklet" "$tmp/ne4" "warning: --column-first has no effect on the booklet"
dp_run "$tmp/ne5" "$DP" handout "$deck" -o "$tmp/ne5/h.pdf" --layout 6 --column-first
if [ "$rc" -eq 0 ] && ! grep -q 'no effect' "$tmp/ne5/err"; then
    pass "$T/no-effect/none-when-used"
else
    fail "$T/no-effect/none-when-used" "status $rc: $(grep -m 1 'no effect' "$tmp/ne5/err")"
fi

# ---------------------------------------------------------------- point 5
ex=decks/example.yaml # item 3 is shrunk to fit its slide
for cmd in build slides; do
    dp_run "$tmp/sh-$cmd" "$DP" $cmd "$ex" -o "$tmp/sh-$cmd/o.pdf"
    n=$(grep -c 'warning: item 3 ("推理成本") was shrunk to fit one slide' "$tmp/sh-$cmd/err" || true)
    if [ "$rc" -eq 0 ] && [ "$n" -eq 1 ]; then
        pass "$T/shrink/$cmd"
    else
        fail "$T/shrink/$cmd" "status $rc, $n shrink warnings for item 3 (want 1)"
    fi
done
if "$PY" - "$tmp/sh-build/err" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
warn = [i for i, l in enumerate(lines) if ": warning: " in l]
wrote = [i for i, l in enumerate(lines) if l.startswith("deckpress: wrote ")]
sys.exit(0 if warn and wrote and max(warn) < min(wrote) else 1)
PY
then
    pass "$T/warnings-first"
else
    fail "$T/warnings-first" "a warning after a wrote line: $(grep -n 'warning:\|wrote' "$tmp/sh-build/err" | head -n 4)"
fi

cat >"$tmp/miss.yaml" <<DECK
title: 缺字
sections:
  - title: "第一节 \\uE123"
    items:
$item
DECK
dp_run "$tmp/miss" "$DP" build "$tmp/miss.yaml" -o "$tmp/miss-out"
n=$(grep -c 'warning: character U+E123' "$tmp/miss/err" || true)
if [ "$rc" -eq 0 ] && [ "$n" -eq 1 ]; then
    pass "$T/missing-char-once"
else
    fail "$T/missing-char-once" "status $rc, $n warnings for U+E123 (want 1): $(grep 'U+E123' "$tmp/miss/err" | head -n 3)"
fi

long=一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉
cat >"$tmp/long.yaml" <<DECK
title: 长名
sections:
  - title: 一
    items:
      - question: ${long}？
        answer: 答案一。
      - question: ${long}？
        answer: 答案二。
DECK
dp_run "$tmp/long" "$DP" check "$tmp/long.yaml"
want='("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯…")'
if grep -qF "$want" "$tmp/long/err" &&
    "$PY" -c 'import sys; open(sys.argv[1], encoding="utf-8", errors="strict").read()' "$tmp/long/err"; then
    pass "$T/name-cut"
else
    fail "$T/name-cut" "no $want in: $(grep -m 1 'repeats' "$tmp/long/err")"
fi

cat >"$tmp/case.yaml" <<DECK
title: 大小写
theme: Dark
handout: {layout: Booklet, paper: A4}
sections:
  - title: 一
    items:
$item
DECK
dp_run "$tmp/case" "$DP" handout "$tmp/case.yaml" -o "$tmp/case/h.pdf"
dp_run "$tmp/case2" "$DP" handout "$tmp/case.yaml" -o "$tmp/case2/h.pdf" --paper LETTER
if [ "$(cat "$tmp/case/rc")" -eq 0 ] && ! grep -q 'error\|warning' "$tmp/case/err" &&
    pdfinfo "$tmp/case/h.pdf" | grep -q 'Page size: *595.28 x 841.89' &&
    [ "$rc" -eq 0 ] && pdfinfo "$tmp/case2/h.pdf" | grep -q 'Page size: *612 x 792'; then
    pass "$T/case-insensitive"
else
    fail "$T/case-insensitive" "$(head -n 2 "$tmp/case/err") $(head -n 2 "$tmp/case2/err")"
fi

dp_run "$tmp/dym1" "$DP" biuld "$deck"
if [ "$rc" -eq 2 ] && grep -q "unknown command 'biuld'; did you mean 'build'?" "$tmp/dym1/err"; then
    pass "$T/did-you-mean/command"
else
    fail "$T/did-you-mean/command" "status $rc: $(first_line "$tmp/dym1/err")"
fi
dp_run "$tmp/dym2" "$DP" handout "$deck" -o "$tmp/dym2/h.pdf" --colums 2
if [ "$rc" -eq 2 ] && grep -q "unknown option --colums; did you mean --columns?" "$tmp/dym2/err" &&
    [ ! -e "$tmp/dym2/h.pdf" ]; then
    pass "$T/did-you-mean/option"
else
    fail "$T/did-you-mean/option" "status $rc: $(first_line "$tmp/dym2/err")"
fi

dp_run "$tmp/bl" "$DP" handout "$deck" -o "$tmp/bl/h.pdf" --layout 5
bl=$rc
dp_run "$tmp/ba" "$DP" handout "$deck" -o "$tmp/ba/h.pdf" --aspect 5:4
if [ "$bl" -eq 2 ] && [ "$rc" -eq 2 ]; then
    pass "$T/usage-status"
else
    fail "$T/usage-status" "bad --layout exits $bl, bad --aspect exits $rc (want 2 and 2)"
fi
