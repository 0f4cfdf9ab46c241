#!/bin/sh
# Templates and navigation: every shipped template renders the meetup deck
# (qpdf --check, text extractable, pages render without warnings, no
# warnings from deckpress); the slides' outline reads back with Chinese
# titles (sections, then items); agenda entries link to their sections; the
# closing QR code and its URL are clickable; reveal steps share page labels.
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
need_dp templates || exit 0
need_tools templates qpdf pdftotext pdftoppm "$PY" || exit 0
deck=decks/llm-founders-meetup.yaml
tmp=$(dp_tmpdir)

for t in templates/*.yaml; do
    name=$(basename "$t" .yaml)
    out="$tmp/$name.pdf"
    dp_run "$tmp/$name" "$DP" slides "$deck" -o "$out" --template "$name"
    if [ "$rc" -ne 0 ]; then
        fail "templates/$name" "$(dp_run_detail "$tmp/$name")"; continue
    fi
    if grep -q "warning:" "$tmp/$name/err"; then
        fail "templates/$name" "warnings: $(grep -m1 warning: "$tmp/$name/err")"; continue
    fi
    qpdf --check "$out" >/dev/null 2>&1 || { fail "templates/$name" "qpdf --check failed"; continue; }
    pdftotext "$out" - | tr -d ' \n' | grep -q '请列举常用的数据集和处理方法' ||
        { fail "templates/$name" "question text not extractable"; continue; }
    warn=$(pdftoppm -r 20 -png "$out" "$tmp/$name-png" 2>&1 | head -1)
    [ -z "$warn" ] || { fail "templates/$name" "pdftoppm: $warn"; continue; }
    pass "templates/$name"
done

# Outline, links and labels, read back with qpdf's JSON.
dp_run "$tmp/nav" "$DP" slides decks/example.yaml -o "$tmp/nav.pdf"
qpdf --json "$tmp/nav.pdf" > "$tmp/nav.json" 2>/dev/null || true
$PY - "$tmp/nav.json" <<'PY' > "$tmp/nav.res"
import json, sys
d = json.load(open(sys.argv[1]))
objs = d["qpdf"][1] if "qpdf" in d else d["objects"]
val = lambda ref: objs.get("obj:" + ref, {}).get("value", objs.get(ref, {}))
def text(s):
    if isinstance(s, str) and s.startswith("u:"):
        return s[2:]
    return s
pages = [p["object"] for p in d["pages"]]
root = val(d["qpdf"][1]["trailer"]["value"]["/Root"]) if "qpdf" in d else None
titles, item = [], val(root["/Outlines"])["/First"] if root and "/Outlines" in root else None
while item:
    o = val(item)
    kids, k = [], o.get("/First")
    while k:
        ko = val(k); kids.append(text(ko["/Title"])); k = ko.get("/Next")
    titles.append((text(o["/Title"]), kids))
    item = o.get("/Next")
print("OUTLINE", json.dumps(titles, ensure_ascii=False))
links = []
for i, p in enumerate(pages):
    for a in val(p).get("/Annots", []):
        a = val(a)
        if a.get("/Subtype") != "/Link":
            continue
        if "/A" in a:
            links.append((i, "uri", text(val(a["/A"]) .get("/URI") if isinstance(a["/A"], str) else a["/A"].get("/URI"))))
        elif "/Dest" in a:
            dest = val(a["/Dest"]) if isinstance(a["/Dest"], str) else a["/Dest"]
            links.append((i, "page", pages.index(dest[0]) if dest and dest[0] in pages else -1))
print("LINKS", json.dumps(links, ensure_ascii=False))
PY
outline=$(sed -n 's/^OUTLINE //p' "$tmp/nav.res")
links=$(sed -n 's/^LINKS //p' "$tmp/nav.res")
case "$outline" in
    *'"数据与评估", ["1. 构建评估集"'*'"成本"'*) pass templates/outline ;;
    *) fail templates/outline "sections then items with Chinese titles expected, got: $outline" ;;
esac
# the agenda (page index 1) links to the first section divider (index 2) and the QR opens its URL
case "$links" in
    *'[1, "page", 2]'*) pass templates/agenda-links ;;
    *) fail templates/agenda-links "no agenda link to the section on page 3: $links" ;;
esac
case "$links" in
    *'"uri", "https://example.org/join"'*) pass templates/qr-link ;;
    *) fail templates/qr-link "the closing QR/URL is not clickable: $links" ;;
esac

# Reveal: the question-only step shares its number with the full slide.
sed 's/^title: /reveal: true\ntitle: /' "$deck" > "$tmp/reveal.yaml"
dp_run "$tmp/rev" "$DP" slides "$tmp/reveal.yaml" -o "$tmp/rev.pdf" --dump
labels=$(grep '^page ' "$tmp/rev/out" | sed -n 's/.*label="\([^"]*\)".*/\1/p' | head -6 | tr '\n' ' ')
steps=$(grep -c '^page .* step$' "$tmp/rev/out" || true)
if [ "$labels" = "封面 1 2 3 3 4 " ] && [ "$steps" -eq 30 ]; then
    pass templates/reveal-labels
else
    fail templates/reveal-labels "labels '$labels', $steps steps (want 封面 1 2 3 3 4 and 30)"
fi
dp_run "$tmp/revh" "$DP" handout "$tmp/reveal.yaml" -o "$tmp/revh.pdf" --layout 1
pages=$(pdfinfo "$tmp/revh.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
[ "$pages" = 34 ] && pass templates/reveal-collapses-in-handouts ||
    fail templates/reveal-collapses-in-handouts "1-up handout has $pages pages, want 34 (steps collapsed)"

# Theme and the command line's overrides meet in one place (project.c,
# dp_settings_override): `theme: dark` picks the dark template even when the
# deck also writes `template: default` (decks/example.yaml does); --theme and
# --template on the command line outrank the deck; a theme cannot recolour a
# template of one's own (a warning says so); bad values are usage errors.
bg() { # DUMP: fill colour of the first page's background
    sed -n '2,3{s/^  rect 0.00,0.00 [0-9.]*x540.00 fill=\(#[0-9a-f]*\)$/\1/p}' "$1" | head -1
}
theme_case() { # NAME WANT-BG DECK-SED ARGS...
    name=$1 want=$2 edit=$3
    shift 3
    sed "$edit" decks/example.yaml > "$tmp/theme-$name.yaml"
    dp_run "$tmp/theme-$name" "$DP" check "$tmp/theme-$name.yaml" --dump "$@"
    got=$(bg "$tmp/theme-$name/out")
    if [ "$rc" -eq 0 ] && [ "$got" = "$want" ]; then
        pass "templates/theme-$name"
    else
        fail "templates/theme-$name" "status $rc, background '$got' (want $want); $(dp_run_detail "$tmp/theme-$name")"
    fi
}
theme_case deck-dark '#121418' 's/^theme: light/theme: dark/'
theme_case deck-dark-no-template '#121418' 's/^theme: light/theme: dark/; /^template:/d'
theme_case light '#f5f3ee' 's/^theme: light/theme: light/'
theme_case cli-dark '#121418' 's/^theme: light/theme: light/' --theme dark
theme_case cli-template '#f5f3ee' 's/^theme: light/theme: dark/' --template default
sed 's/^theme: light/theme: dark/; s/^template: default/template: print/' decks/example.yaml > "$tmp/theme-own.yaml"
NO_COLOR=1 dp_run "$tmp/theme-own" "$DP" check "$tmp/theme-own.yaml"
if grep -q 'warning: theme: dark does not change template "print"' "$tmp/theme-own/err"; then
    pass templates/theme-own-template-warns
else
    fail templates/theme-own-template-warns "no warning: $(dp_run_detail "$tmp/theme-own")"
fi
for bad in "--theme dim" "--accent red" "--paper a3" "--layout 5"; do
    # shellcheck disable=SC2086
    dp_run "$tmp/bad" "$DP" check decks/example.yaml $bad
    if [ "$rc" -eq 2 ] && grep -q "error: unknown .* (${bad% *})" "$tmp/bad/err"; then
        pass "templates/usage-${bad% *}"
    else
        fail "templates/usage-${bad% *}" "status $rc, want 2; $(dp_run_detail "$tmp/bad")"
    fi
done
