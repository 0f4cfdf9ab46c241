#!/bin/sh
# tests/e2e/fonts_cmd.sh: `deckpress fonts [DECK]`.
#   roles           without a deck: exit 0, every font role of templates/default.yaml
#                   listed, each with a font file that exists, nothing on stderr
#   template        --template dark reports templates/dark.yaml
#   deck            with the meetup deck: a count of its characters, each face's
#                   coverage "has N of M", and "missing: nothing"
#   missing         a deck with U+0F40 (Tibetan, in no default font), U+1820
#                   (Mongolian) and U+13000 (an Egyptian hieroglyph, above the
#                   BMP, in no default font): each listed with
#                   its U+ code, the character and FILE:LINE:COL of its first use
#   not-installed   a template whose chain starts with a family that does not
#                   exist: that entry says "not installed", the next one
#                   serves, exit 0
#   no-font         a role with no installed font at all: exit 3, "not installed"
#                   in the report and an error naming the template line on stderr
#   usage           fonts with two decks is a usage error (2)
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=fonts
need_tools "$T" "$PY" || exit 0
need_dp "$T" || exit 0
t=$(dp_tmpdir)

# ---------------------------------------------------------------- roles
dp_run "$t/roles" "$DP" fonts
roles=$(sed -n '/^fonts:/,/^[^ #]/p' templates/default.yaml | sed -n 's/^  \([a-z_]*\):.*/\1/p')
missing=
for r in $roles; do
    grep -q "^role $r\$" "$t/roles/out" || missing="$missing $r"
done
bad_files=$(sed -n 's/^     -> \(\/[^ ]*\.tt[fc]\).*/\1/p' "$t/roles/out" | while read -r f; do
    [ -f "$f" ] || printf ' %s' "$f"
done)
n_files=$(grep -c '^     -> /' "$t/roles/out" || true)
if [ "$rc" -ne 0 ]; then
    fail "$T/roles" "$(dp_run_detail "$t/roles")"
elif [ -z "$roles" ]; then
    fail "$T/roles" "could not read the roles of templates/default.yaml"
elif [ -n "$missing" ]; then
    fail "$T/roles" "roles not reported:$missing"
elif [ "$n_files" -lt "$(echo "$roles" | wc -w)" ]; then
    fail "$T/roles" "only $n_files font files for $(echo "$roles" | wc -w) roles"
elif [ -n "$bad_files" ]; then
    fail "$T/roles" "reported files that do not exist:$bad_files"
elif [ -s "$t/roles/err" ]; then
    fail "$T/roles" "stderr not empty: $(first_line "$t/roles/err")"
else
    pass "$T/roles: $(echo "$roles" | wc -w) roles, $n_files font files"
fi

dp_run "$t/tpl" "$DP" fonts --template dark
if [ "$rc" -eq 0 ] && grep -q '^template dark: .*templates/dark.yaml' "$t/tpl/out"; then
    pass "$T/template"
else
    fail "$T/template" "$(dp_run_detail "$t/tpl"); first line: $(first_line "$t/tpl/out")"
fi

# ---------------------------------------------------------------- deck coverage
dp_run "$t/deck" "$DP" fonts decks/llm-founders-meetup.yaml
if [ "$rc" -ne 0 ]; then
    fail "$T/deck" "$(dp_run_detail "$t/deck")"
elif ! grep -q '^deck decks/llm-founders-meetup.yaml: [0-9][0-9]* different characters' "$t/deck/out"; then
    fail "$T/deck" "no character count line"
elif ! grep -q 'WenQuanYi Micro Hei .* has  *[0-9][0-9]* of [0-9]' "$t/deck/out"; then
    fail "$T/deck" "no coverage line for WenQuanYi Micro Hei"
elif ! grep -q '^missing: nothing' "$t/deck/out"; then
    fail "$T/deck" "the meetup deck should need no missing character: $(grep -A2 '^missing' "$t/deck/out" | tr '\n' ' ')"
else
    pass "$T/deck: $(grep '^deck ' "$t/deck/out" | sed 's/^deck [^:]*: //')"
fi

# ---------------------------------------------------------------- missing characters
mkdir -p "$t/m/decks"
printf '%s\n' \
    'title: 字体测试 ཀ' \
    'sections:' \
    '  - title: 第一节' \
    '    items:' \
    '      - question: 这是什么 𓀀？' \
    '        answer: 蒙古文 ᠠ 在这里，还有 ཀ。' >"$t/m/decks/missing.yaml"
dp_run "$t/missing" "$DP" fonts "$t/m/decks/missing.yaml"
problems=
for want in "U+0F40 ཀ .*missing.yaml:1:" "U+1820 ᠠ .*missing.yaml:6:" "U+13000 𓀀 .*missing.yaml:5:"; do
    grep -q "$want" "$t/missing/out" || problems="$problems [$want]"
done
n_listed=$(sed -n '/^missing:/,/^  hint/p' "$t/missing/out" | grep -c '^  U+' || true)
if [ "$rc" -ne 0 ]; then
    fail "$T/missing" "$(dp_run_detail "$t/missing")"
elif [ -n "$problems" ]; then
    fail "$T/missing" "not reported with code, character and place:$problems"
elif [ "$n_listed" -ne 3 ]; then
    fail "$T/missing" "want 3 missing characters (ཀ once), got $n_listed"
else
    pass "$T/missing: 3 characters with their places"
fi
# the places are right: line 1 column 13 is ཀ in 'title: 字体测试 ཀ'
if grep -q 'U+0F40 .*missing.yaml:1:13' "$t/missing/out"; then
    pass "$T/missing-place"
else
    fail "$T/missing-place" "want missing.yaml:1:13 for U+0F40: $(grep 'U+0F40' "$t/missing/out")"
fi

# ---------------------------------------------------------------- fallback chains
mkdir -p "$t/tpl"
sed -e 's/^  latin: \["Manrope"\]/  latin: ["Deckpress No Such Sans", "Manrope"]/' \
    templates/default.yaml >"$t/tpl/chain.yaml"
dp_run "$t/chain" "$DP" fonts --template "$t/tpl/chain.yaml"
entry=$(sed -n '/^role latin$/,/^$/p' "$t/chain/out")
if [ "$rc" -ne 0 ]; then
    fail "$T/not-installed" "$(dp_run_detail "$t/chain")"
elif ! printf '%s\n' "$entry" | grep -A1 'Deckpress No Such Sans' | grep -q 'not installed'; then
    fail "$T/not-installed" "the missing family is not marked 'not installed': $(one_line "$entry")"
elif ! printf '%s\n' "$entry" | grep -A1 '2\. Manrope' | grep -q -- '-> /.*Manrope'; then
    fail "$T/not-installed" "the second entry does not resolve to a Manrope file: $(one_line "$entry")"
else
    pass "$T/not-installed"
fi

sed -e 's/^  fallback: \["DejaVu Sans"\]/  fallback: ["Deckpress No Such Sans"]/' \
    templates/default.yaml >"$t/tpl/none.yaml"
dp_run "$t/none" "$DP" fonts --template "$t/tpl/none.yaml"
if [ "$rc" -ne 3 ]; then
    fail "$T/no-font" "$(dp_run_detail "$t/none"), want status 3"
elif ! sed -n '/^role fallback$/,/^$/p' "$t/none/out" | grep -q 'not installed'; then
    fail "$T/no-font" "the report does not say 'not installed' for role fallback"
elif ! grep -q 'none.yaml:[0-9]*:[0-9]*: error: .*Deckpress No Such Sans' "$t/none/err"; then
    fail "$T/no-font" "no error at the template's line on stderr: $(first_line "$t/none/err")"
else
    pass "$T/no-font: exit 3"
fi

dp_run "$t/usage" "$DP" fonts decks/example.yaml decks/llm-founders-meetup.yaml
if [ "$rc" -eq 2 ]; then pass "$T/usage"; else fail "$T/usage" "$(dp_run_detail "$t/usage"), want 2"; fi
