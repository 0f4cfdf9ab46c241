#!/bin/sh
# tests/e2e/schema.sh: docs/deck.schema.json and docs/template.schema.json
# against the loader and the shipped files (tests/schema_check.py does the work).
#   build            tests/tools/schema_keys compiles twice, including src/load/deck.c
#                    and src/load/template.c whole: it prints every key their schema
#                    tables accept (no regex over C)
#   meta             both files are valid draft-07 schemas, every property described
#   deck/sync        every key the deck loader accepts is in the schema at the same
#   template/sync    place and vice versa; required keys, enums, ranges, colours,
#                    "unknown keys are errors" agree (values the loader accepts
#                    must validate, values it rejects must not)
#   valid            every decks/*.yaml and templates/*.yaml validates
#   loader           deckpress itself accepts every template (check with --template)
#   rejects          broken copies (unknown key, bad date, bad layout, missing
#                    question, bad colour, missing style) are rejected by the
#                    schema AND by deckpress check: the checks can fail
#   modeline         decks/example.yaml and the meetup deck start with
#                    "# yaml-language-server: $schema=../docs/deck.schema.json"
#   builtin          the built-in validator (used without python3-jsonschema)
#                    agrees on the same files
#   self-test        a schema with a key removed, and one with an extra key,
#                    fail the sync check
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=schema
need_tools "$T" cc pkg-config "$PY" || exit 0
if ! "$PY" -c 'import yaml' 2>/dev/null; then
    fail "$T" "python3 cannot import yaml (sh scripts/setup.sh test installs python3-yaml)"
    exit 0
fi

TOOLS=$BUILD/tests/tools
mkdir -p "$TOOLS"
LOADER_SRC="src/load/schema.c src/load/labels.c src/util/utf8.c src/load/yaml_load.c src/util/read_file.c src/util/arena.c src/util/diag.c"
CFLAGS_T="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O0 -w"

# keys_tool OUT DEFINE SRC...: compile the key printer (always: it is quick,
# and stale keys would hide a change of the loader).
keys_tool() {
    out=$1 def=$2
    shift 2
    # shellcheck disable=SC2086
    cc $CFLAGS_T $DP_SRC_INC "-D$def" -o "$out" tests/tools/schema_keys.c "$@" $LOADER_SRC \
        $(pkg-config --cflags --libs yaml-0.1) -lm 2>"$out.log"
}
if ! keys_tool "$TOOLS/schema_keys_deck" DP_KEYS_DECK ||
    ! keys_tool "$TOOLS/schema_keys_template" DP_KEYS_TEMPLATE src/load/deck.c; then
    fail "$T/build" "cannot compile tests/tools/schema_keys.c: $(head -n 3 "$TOOLS"/schema_keys_*.log)"
    exit 0
fi
pass "$T/build"

t=$(dp_tmpdir)
"$TOOLS/schema_keys_deck" >"$t/deck.keys"
"$TOOLS/schema_keys_template" >"$t/template.keys"

# checks ARGS...: run schema_check.py and record its PASS/FAIL lines.
checks() {
    st=0
    "$PY" tests/schema_check.py "$@" >"$t/out" 2>"$t/err" || st=$?
    while IFS= read -r line; do
        case $line in
            "PASS "*) pass "${line#PASS }" ;;
            "FAIL "*)
                rest=${line#FAIL }
                fail "${rest%%: *}" "${rest#*: }"
                ;;
            *) printf '   %s\n' "$line" ;;
        esac
    done <"$t/out"
    if [ "$st" -ne 0 ]; then
        fail "$T/checker" "schema_check.py $1 failed (status $st): $(tail -n 3 "$t/err")"
    fi
}

checks meta docs/deck.schema.json docs/template.schema.json
checks sync deck docs/deck.schema.json "$t/deck.keys"
checks sync template docs/template.schema.json "$t/template.keys"
# shellcheck disable=SC2046
checks valid deck docs/deck.schema.json $(ls decks/*.yaml)
# shellcheck disable=SC2046
checks valid template docs/template.schema.json $(ls templates/*.yaml)
checks modeline deck docs/deck.schema.json decks/example.yaml decks/llm-founders-meetup.yaml

# ---------------------------------------------------------------- the loader agrees
need_dp "$T/loader" && for tpl in templates/*.yaml; do
    d=$t/loader-$(basename "$tpl" .yaml)
    dp_run "$d" "$DP" check decks/example.yaml --template "$tpl" -q
    if [ "$rc" -eq 0 ]; then
        pass "$T/loader accepts $tpl"
    else
        fail "$T/loader accepts $tpl" "$(dp_run_detail "$d")"
    fi
done

# ---------------------------------------------------------------- broken copies
# mutate NAME SRC SCRIPT: a copy of SRC with a Python edit applied to 'doc'
# (the text), written to $t/bad/NAME.yaml.
mkdir -p "$t/bad/decks" "$t/bad/templates"
mutate() {
    "$PY" - "$2" "$t/bad/$1.yaml" "$3" <<'EOF'
import sys
src, dst, edit = sys.argv[1], sys.argv[2], sys.argv[3]
doc = open(src, encoding="utf-8").read()
new = eval(edit, {"doc": doc})
assert new != doc, "the edit changed nothing: " + edit
open(dst, "w", encoding="utf-8").write(new)
EOF
}
ex=decks/example.yaml
mutate decks/unknown-key "$ex" 'doc.replace("\nvenue:", "\nvenu:", 1)'
mutate decks/bad-date "$ex" 'doc.replace("date: 2026-06-20", "date: 2026-02-30", 1)'
mutate decks/bad-layout "$ex" 'doc.replace("layout: booklet", "layout: 5", 1)'
mutate decks/no-question "$ex" 'doc.replace("question:", "questoin:", 1)'
mutate decks/bad-accent "$ex" 'doc.replace("accent: \"#D63F24\"", "accent: \"#D63F2\"", 1)'
mutate decks/item-typo "$ex" 'doc.replace("analysis:", "analisys:", 1)'
df=templates/default.yaml
mutate templates/missing-style "$df" 'doc.replace("  qr_url:", "  qr_urls:", 1)'
mutate templates/bad-colour "$df" 'doc.replace("bg: \"#F5F3EE\"", "bg: \"#F5F3E\"", 1)'
mutate templates/negative-size "$df" 'doc.replace("size: 52,", "size: -52,", 1)'
mutate templates/footer-typo "$df" 'doc.replace("footer: \"{event}\"", "footer: \"{evnt}\"", 1)'

checks invalid deck docs/deck.schema.json "$t"/bad/decks/*.yaml
checks invalid template docs/template.schema.json "$t"/bad/templates/*.yaml
if [ -x "$DP" ]; then
    for f in "$t"/bad/decks/*.yaml; do
        d=$t/run-$(basename "$f" .yaml)
        dp_run "$d" "$DP" check "$f"
        if [ "$rc" -eq 1 ]; then pass "$T/loader rejects decks/$(basename "$f")"
        else fail "$T/loader rejects decks/$(basename "$f")" "$(dp_run_detail "$d"), want status 1"; fi
    done
    for f in "$t"/bad/templates/*.yaml; do
        d=$t/run-$(basename "$f" .yaml)
        dp_run "$d" "$DP" check decks/example.yaml --template "$f"
        if [ "$rc" -eq 1 ]; then pass "$T/loader rejects templates/$(basename "$f")"
        else fail "$T/loader rejects templates/$(basename "$f")" "$(dp_run_detail "$d"), want status 1"; fi
    done
fi

# ---------------------------------------------------------------- built-in validator
if "$PY" -c 'import jsonschema' 2>/dev/null; then
    # the same files through the fallback, which must agree with jsonschema
    cat >"$t/nojs.py" <<'EOF'
import runpy, sys
sys.modules["jsonschema"] = None  # import fails: the built-in validator is used
sys.argv = ["schema_check.py"] + sys.argv[1:]
runpy.run_path("tests/schema_check.py", run_name="__main__")
EOF
    run_builtin() {
        "$PY" "$t/nojs.py" "$@" | sed -e 's/^\(PASS\|FAIL\) schema\//\1 schema\/builtin\//'
    }
    {
        run_builtin sync deck docs/deck.schema.json "$t/deck.keys"
        run_builtin sync template docs/template.schema.json "$t/template.keys"
        # shellcheck disable=SC2046
        run_builtin valid deck docs/deck.schema.json $(ls decks/*.yaml)
        # shellcheck disable=SC2046
        run_builtin valid template docs/template.schema.json $(ls templates/*.yaml)
        run_builtin invalid deck docs/deck.schema.json "$t"/bad/decks/*.yaml
        run_builtin invalid template docs/template.schema.json "$t"/bad/templates/*.yaml
    } >"$t/builtin.out" 2>"$t/builtin.err" || true
    n_fail=$(grep -c '^FAIL' "$t/builtin.out" || true)
    n_pass=$(grep -c '^PASS' "$t/builtin.out" || true)
    if [ "$n_fail" -eq 0 ] && [ "$n_pass" -gt 0 ]; then
        pass "$T/builtin validator agrees ($n_pass checks)"
    else
        fail "$T/builtin validator agrees" "$n_fail failed, $n_pass passed: $(grep -m 1 '^FAIL' "$t/builtin.out") $(tail -n 2 "$t/builtin.err")"
    fi
fi

# ---------------------------------------------------------------- the sync check can fail
"$PY" - docs/deck.schema.json "$t/drop.json" "$t/extra.json" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1], encoding="utf-8"))
drop = json.loads(json.dumps(s))
del drop["definitions"]["item"]["properties"]["analysis"]       # a key the loader accepts
json.dump(drop, open(sys.argv[2], "w"))
extra = json.loads(json.dumps(s))
extra["properties"]["speaker"] = {"type": "string", "description": "not a deck key"}
json.dump(extra, open(sys.argv[3], "w"))
EOF
for case in drop extra; do
    what="a key the loader accepts removed"
    [ "$case" = extra ] && what="a key the loader rejects added"
    out=$("$PY" tests/schema_check.py sync deck "$t/$case.json" "$t/deck.keys" 2>&1 || true)
    case $out in
        *"FAIL schema/deck/sync"*) pass "$T/self-test: sync fails with $what" ;;
        *) fail "$T/self-test: sync fails with $what" "it passed: $(one_line "$out")" ;;
    esac
done
