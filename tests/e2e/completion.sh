#!/bin/bash
# tests/e2e/completion.sh: completions/deckpress.bash, run in bash the way
# bash runs it (COMP_WORDS, COMP_CWORD, then the function `complete` names).
#   registered   sourcing it registers a completion for deckpress
#   commands     "deckpress <TAB>" offers exactly the commands of src/cli/main.c
#   options      "deckpress build --<TAB>" offers every long option of
#                src/cli/main.c (options[] and --quiet --verbose --help --version)
#   templates    "--template <TAB>" offers the names in templates/; "--template d"
#                only those starting with d; a template installed next to a
#                deckpress on PATH (BIN/../share/deckpress/templates) is offered too
#   layouts      "--layout <TAB>" offers the layouts of docs/deck.schema.json;
#   papers       "--paper" likewise
#   decks        "deckpress build decks/<TAB>" offers the decks and no other files;
#                import offers .md files
#   self-test    a completion script without the fonts command fails "commands"
set -u
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=completion
need_tools "$T" bash "$PY" || exit 0
t=$(dp_tmpdir)

# comp SCRIPT LINE: the completions for LINE (words split at spaces; a
# trailing space starts an empty word), sorted, one a line.
comp() {
    bash --norc --noprofile -c '
        source "$1" || exit 9
        line=$2
        read -r -a COMP_WORDS <<<"$line"
        [[ $line == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE=$line
        COMP_POINT=${#line}
        fn=$(complete -p deckpress 2>/dev/null | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
        [[ -n $fn ]] || exit 8
        "$fn" deckpress "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf "%s\n" "${COMPREPLY[@]}" | sort -u | sed "/^$/d"
    ' comp "$1" "$2"
}

# same NAME GOT WANT: record whether two word lists are equal as sets.
same() {
    got=$(printf '%s\n' $2 | sort -u | tr '\n' ' ')
    want=$(printf '%s\n' $3 | sort -u | tr '\n' ' ')
    if [ "$got" = "$want" ]; then
        pass "$T/$1"
    else
        fail "$T/$1" "got [$got] want [$want]"
    fi
}

S=completions/deckpress.bash
if bash --norc -c "source $S && complete -p deckpress" >/dev/null 2>&1; then
    pass "$T/registered"
else
    fail "$T/registered" "sourcing $S registers no completion for deckpress"
    exit 0
fi

main_commands=$(sed -n '/^static const command commands\[\]/,/^};/s/^ *{"\([a-z-]*\)", dp_cmd_.*/\1/p' src/cli/main.c)
main_options=$(sed -n '/^static const option options\[\]/,/^};/p' src/cli/main.c |
    grep -o '"--[a-z-]*"' | tr -d '"')
main_options="$main_options --quiet --verbose --help --version"

same commands "$(comp $S 'deckpress ')" "$main_commands"
got=$(comp $S 'deckpress build --' | grep -- '^--')
same options "$got" "$main_options"
same after-options "$(comp $S 'deckpress -v ')" "$main_commands"

templates=$(ls templates/*.yaml | sed 's|.*/||; s|\.yaml$||')
same templates "$(comp $S 'deckpress slides decks/example.yaml --template ')" "$templates"
same templates-prefix "$(comp $S 'deckpress slides x.yaml --template d')" \
    "$(printf '%s\n' $templates | grep '^d')"

# a deckpress installed elsewhere, with its own share/deckpress/templates
mkdir -p "$t/inst/bin" "$t/inst/share/deckpress/templates"
printf '#!/bin/sh\nexit 0\n' >"$t/inst/bin/deckpress"
chmod +x "$t/inst/bin/deckpress"
: >"$t/inst/share/deckpress/templates/conference-zh.yaml"
got=$(PATH="$t/inst/bin:$PATH" comp $S 'deckpress build x.yaml --template conf')
same templates-installed "$got" "conference-zh"

layouts=$("$PY" -c '
import json
s = json.load(open("docs/deck.schema.json"))
print(" ".join(v for v in s["properties"]["handout"]["properties"]["layout"]["enum"] if isinstance(v, str)))')
same layouts "$(comp $S 'deckpress handout x.yaml --layout ')" "$layouts"
papers=$("$PY" -c '
import json
s = json.load(open("docs/deck.schema.json"))
print(" ".join(v for v in s["properties"]["handout"]["properties"]["paper"]["enum"] if isinstance(v, str)))')
same papers "$(comp $S 'deckpress handout x.yaml --paper ')" "$papers"
same aspects "$(comp $S 'deckpress slides x.yaml --aspect ')" "16:9 4:3"

same decks "$(comp $S 'deckpress build decks/')" "$(ls decks/*.yaml decks/*.yml 2>/dev/null)"
mkdir -p "$t/art"
: >"$t/art/a.md"
: >"$t/art/b.txt"
same import "$(comp $S "deckpress import $t/art/")" "$t/art/a.md"

# The commands check must be able to fail.
sed 's/^_deckpress_commands="\(.*\) fonts\(.*\)"/_deckpress_commands="\1\2"/' $S >"$t/broken.bash"
if cmp -s $S "$t/broken.bash"; then
    fail "$T/self-test" "could not remove fonts from _deckpress_commands"
else
    got=$(comp "$t/broken.bash" 'deckpress ' | sort -u | tr '\n' ' ')
    want=$(printf '%s\n' $main_commands | sort -u | tr '\n' ' ')
    if [ "$got" != "$want" ]; then pass "$T/self-test"; else fail "$T/self-test" "a list without fonts passed"; fi
fi
