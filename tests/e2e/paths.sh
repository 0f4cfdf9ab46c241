#!/bin/sh
# tests/e2e/paths.sh: paths in a deck are relative to the deck, whatever the
# working directory. A project PROJ/talks/d.yaml with its own
# talks/templates/mine.yaml and talks/fonts/ (a font whose family exists
# nowhere else: DejaVu Sans Mono renamed "Zzdeck Sans Mono"), built from an
# unrelated folder:
#   paths/deck-templates     `template: mine` finds talks/templates/mine.yaml
#   paths/deck-fonts         the role naming "Zzdeck Sans Mono" is served from
#                            talks/fonts (pdffonts lists ZzdeckSansMono)
#   paths/template-path      `template: themes/other.yaml` is talks/themes/other.yaml
#   paths/template-path-miss a path that is not there names the deck-relative
#                            file and says paths are relative to the deck (exit 3)
#   paths/template-miss      `template: nosuch` lists the folders searched,
#                            talks/templates among them (exit 3)
#   paths/font-miss          a font that is nowhere lists the font folders
#                            searched, talks/fonts among them (exit 3)
#   paths/shown-resolved     decks/example.yaml from the repository: its template is
#                            named templates/default.yaml (no /../) in messages and
#                            the depfile
#   paths/cwd-ignored        a templates/mine.yaml in the working directory is
#                            not used in place of the deck's own
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=paths
need_dp "$T" || exit 0
need_tools "$T" pdffonts "$PY" || exit 0
mono=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf
if [ ! -f "$mono" ]; then
    fail "$T" "no $mono (fonts-dejavu-core)"
    exit 0
fi
tmp=$(dp_tmpdir)
proj=$tmp/proj
mkdir -p "$proj/talks/templates" "$proj/talks/fonts" "$proj/talks/themes" "$tmp/elsewhere/templates"

# The same font under a family name no other folder has (the names are patched
# in place, same length; FreeType and fontconfig do not check table sums).
"$PY" - "$mono" "$proj/talks/fonts/Zzdeck.ttf" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
for old, new in (("DejaVu Sans Mono", "Zzdeck Sans Mono"), ("DejaVuSansMono", "ZzdeckSansMono")):
    b = b.replace(old.encode("utf-16-be"), new.encode("utf-16-be"))
    b = b.replace(old.encode("ascii"), new.encode("ascii"))
open(sys.argv[2], "wb").write(b)
PY
sed 's/^  mono: \[.*/  mono: ["Zzdeck Sans Mono", "WenQuanYi Micro Hei"]/' templates/default.yaml \
    >"$proj/talks/templates/mine.yaml"
cp templates/default.yaml "$proj/talks/themes/other.yaml"
sed 's/^name: .*/name: wrong-one/' templates/default.yaml >"$tmp/elsewhere/templates/mine.yaml"
cat >"$proj/talks/d.yaml" <<'EOF'
title: 路径测试
template: mine
sections:
  - title: 第一部分
    items:
      - question: 代码字体从哪里来？
        answer: 从讲稿旁边的 `fonts/` 文件夹里来：`zzdeck --mono`。
EOF
sed 's#^template: .*#template: themes/other.yaml#' "$proj/talks/d.yaml" >"$proj/talks/p.yaml"
sed 's#^template: .*#template: themes/none.yaml#' "$proj/talks/d.yaml" >"$proj/talks/pm.yaml"
sed 's#^template: .*#template: nosuch#' "$proj/talks/d.yaml" >"$proj/talks/m.yaml"
sed 's/"Zzdeck Sans Mono", "WenQuanYi Micro Hei"/"Nowhere Sans Mono"/' "$proj/talks/templates/mine.yaml" >"$proj/talks/templates/nofont.yaml"
sed 's#^template: .*#template: nofont#' "$proj/talks/d.yaml" >"$proj/talks/f.yaml"

# run NAME DECK ARGS...: deckpress from the unrelated folder
run() {
    w=$tmp/r-$1
    deck=$2
    shift 2
    mkdir -p "$w"
    rc=0
    (cd "$tmp/elsewhere" && env -u DECKPRESS_TEMPLATES -u DECKPRESS_FONTS DECKPRESS_NO_FONT_CACHE=1 \
        timeout "$DP_TIMEOUT" "$DP" "$@" "$deck") </dev/null >"$w/out" 2>"$w/err" || rc=$?
}

run d "$proj/talks/d.yaml" slides -o "$tmp/d.pdf" -v
if [ "$rc" -eq 0 ] && grep -q "talks/templates/mine.yaml" "$tmp/r-d/err"; then
    pass paths/deck-templates
else
    fail paths/deck-templates "status $rc: $(head -n 3 "$tmp/r-d/err")"
fi
if [ "$rc" -eq 0 ] && ! grep -q "^templates/mine.yaml\|elsewhere/templates" "$tmp/r-d/err"; then
    pass paths/cwd-ignored
else
    fail paths/cwd-ignored "status $rc: $(grep -m 2 "^templates/\|elsewhere" "$tmp/r-d/err")"
fi
if [ "$rc" -eq 0 ] && pdffonts "$tmp/d.pdf" | grep -q "ZzdeckSansMono"; then
    pass paths/deck-fonts
else
    fail paths/deck-fonts "status $rc, fonts: $(pdffonts "$tmp/d.pdf" 2>&1 | sed 1,2d | awk '{print $1}' | tr '\n' ' ')"
fi

run p "$proj/talks/p.yaml" slides -o "$tmp/p.pdf" -v
if [ "$rc" -eq 0 ] && grep -q "talks/themes/other.yaml" "$tmp/r-p/err"; then
    pass paths/template-path
else
    fail paths/template-path "status $rc: $(head -n 3 "$tmp/r-p/err")"
fi

run pm "$proj/talks/pm.yaml" check
if [ "$rc" -eq 3 ] && grep -q "talks/themes/none.yaml" "$tmp/r-pm/err" &&
    grep -q "relative to the deck's folder" "$tmp/r-pm/err"; then
    pass paths/template-path-miss
else
    fail paths/template-path-miss "status $rc: $(cat "$tmp/r-pm/err")"
fi

run m "$proj/talks/m.yaml" check
if [ "$rc" -eq 3 ] && grep -q "unknown template \"nosuch\"" "$tmp/r-m/err" &&
    grep "folders searched" "$tmp/r-m/err" | grep -q "talks/templates"; then
    pass paths/template-miss
else
    fail paths/template-miss "status $rc: $(cat "$tmp/r-m/err")"
fi

run f "$proj/talks/f.yaml" check
if [ "$rc" -eq 3 ] && grep -q "\"Nowhere Sans Mono\" is not installed" "$tmp/r-f/err" &&
    grep "folders searched" "$tmp/r-f/err" | grep -q "talks/fonts"; then
    pass paths/font-miss
else
    fail paths/font-miss "status $rc: $(cat "$tmp/r-f/err")"
fi

# paths/shown-resolved: a template found beside the deck's folder is named as a
# person would write it (templates/default.yaml, not decks/../templates/...),
# in messages as in the depfile
dp_run "$tmp/r-shown" "$DP" slides decks/example.yaml -o "$tmp/shown.pdf" -v --depfile "$tmp/shown.d"
if [ "$rc" -eq 0 ] && grep -q '^templates/default.yaml: note: font role' "$tmp/r-shown/err" &&
    ! grep -q '/\.\./' "$tmp/r-shown/err" "$tmp/shown.d"; then
    pass paths/shown-resolved
else
    fail paths/shown-resolved "status $rc: $(grep -m 1 'note: font role' "$tmp/r-shown/err") $(grep -m 1 '/\.\./' "$tmp/shown.d")"
fi
