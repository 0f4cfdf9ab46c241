# bash completion for deckpress                                 -*- shell-script -*-
# Installed as PREFIX/share/bash-completion/completions/deckpress (make install);
# or for one shell:  source completions/deckpress.bash
# Completes commands, options, --template with the template names deckpress
# would find (./templates, $DECKPRESS_TEMPLATES, next to the binary and the
# installed share/deckpress/templates), --layout, --paper, --aspect, --theme and
# --columns values, decks (*.yaml, *.yml) and, for import, articles (*.md). tests/e2e/completion.sh keeps
# the lists below in step with src/cli/main.c.

_deckpress_commands="build slides handout check fonts watch import"
_deckpress_options="-o --output --template --aspect --theme --accent --depfile --layout --paper --columns
--column-first --speaker --dump --strict --force --allow-outside --no-tags -q --quiet -v --verbose -h --help
--version"

# Template names: NAME of every NAME.yaml in the folders deckpress searches.
_deckpress_templates()
{
    local dirs=() bin dir f
    [[ -n ${DECKPRESS_TEMPLATES-} ]] && dirs+=("$DECKPRESS_TEMPLATES")
    dirs+=(templates)
    bin=$(type -P deckpress 2>/dev/null)
    if [[ -n $bin ]]; then
        bin=$(readlink -f -- "$bin" 2>/dev/null || printf '%s' "$bin")
        dirs+=("${bin%/*}/../templates" "${bin%/*}/../share/deckpress/templates")
    fi
    dirs+=(/usr/local/share/deckpress/templates /usr/share/deckpress/templates)
    for dir in "${dirs[@]}"; do
        [[ -d $dir ]] || continue
        for f in "$dir"/*.yaml; do
            [[ -e $f ]] || continue
            f=${f##*/}
            printf '%s\n' "${f%.yaml}"
        done
    done | sort -u
}

# Complete words from a list; values may contain ':' (16:9), which bash
# splits words on by default.
_deckpress_words()
{
    local cur=$1 words=$2 prefix=
    if [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]]; then
        prefix=${cur%"${cur##*:}"}
    fi
    local w
    COMPREPLY=()
    for w in $words; do
        [[ $w == "$cur"* ]] && COMPREPLY+=("${w#"$prefix"}")
    done
}

_deckpress()
{
    local cur prev cword words
    COMPREPLY=()
    # bash-completion keeps "16:9" one word (-n :); plain bash splits it at ':'.
    if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
        _get_comp_words_by_ref -n : cur prev words cword
    else
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD - 1]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    fi

    case $prev in
        --template)
            _deckpress_words "$cur" "$(_deckpress_templates)"
            # or a template file
            local IFS=$'\n'
            [[ $cur == */* || $cur == .* ]] &&
                COMPREPLY+=($(compgen -f -X '!*.yaml' -- "$cur") $(compgen -d -- "$cur")) &&
                compopt -o filenames 2>/dev/null
            return
            ;;
        --layout)
            _deckpress_words "$cur" "booklet 1 2 3 4 6 9"
            return
            ;;
        --paper)
            _deckpress_words "$cur" "a4 letter"
            return
            ;;
        --aspect)
            _deckpress_words "$cur" "16:9 4:3"
            return
            ;;
        --theme)
            _deckpress_words "$cur" "light dark"
            return
            ;;
        --columns)
            _deckpress_words "$cur" "1 2"
            return
            ;;
        -o | --output | --depfile)
            local IFS=$'\n'
            COMPREPLY=($(compgen -f -- "$cur"))
            compopt -o filenames 2>/dev/null
            return
            ;;
    esac

    if [[ $cur == -* ]]; then
        _deckpress_words "$cur" "$_deckpress_options"
        return
    fi

    # The first word that is not an option (or an option's value) is the command.
    local i command= takes_value="-o --output --template --aspect --theme --accent --depfile --layout --paper --columns"
    for ((i = 1; i < cword; i++)); do
        local w=${words[i]}
        if [[ " $takes_value " == *" $w "* ]]; then
            ((i++))
            continue
        fi
        [[ $w == -* ]] && continue
        command=$w
        break
    done
    if [[ -z $command ]]; then
        _deckpress_words "$cur" "$_deckpress_commands"
        return
    fi

    local IFS=$'\n'
    if [[ $command == import ]]; then # a Markdown article
        COMPREPLY=($(compgen -f -X '!*.md' -- "$cur") $(compgen -f -X '!*.markdown' -- "$cur")
            $(compgen -d -- "$cur"))
        compopt -o filenames 2>/dev/null
        return
    fi
    # The deck: YAML files and folders.
    COMPREPLY=($(compgen -f -X '!*.yaml' -- "$cur") $(compgen -f -X '!*.yml' -- "$cur")
        $(compgen -d -- "$cur"))
    compopt -o filenames 2>/dev/null
}

complete -F _deckpress deckpress
