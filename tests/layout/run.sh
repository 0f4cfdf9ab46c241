#!/bin/sh
# Golden layout tests. `make golden` rewrites every golden below from the
# current engine; review the diff before committing it. Dumps show a
# decoration (the cover's motif, a contents row's dotted leader, the QR
# code's modules) as one "group" line, so goldens show what matters.
#
# 1. Each tests/layout/NAME.yaml is laid out with `deckpress slides --dump`
#    and compared with NAME.dlist; a deck with a "# golden: handout" line
#    also with `deckpress handout --dump` against NAME.handout.dlist.
#    The untagged writer keeps its bytes (issue 17: `--no-tags` writes the
#    PDF of the writer before tagging): each deck's `deckpress slides
#    --no-tags` is
#      layout/NAME/no-tags-clean   free of tagging (no StructTreeRoot, MarkInfo,
#                                  Metadata, OutputIntents, StructParents, no
#                                  BDC/BMC/EMC in any content stream: qpdf --qdf)
#      layout/NAME/no-tags-repeat  byte-identical on a second run
#      layout/NAME/no-tags-bytes   byte-identical to the file whose SHA-256 is
#                                  in NAME.notags.sha256: the PDF of the same
#                                  display list (NAME.dlist) as the untagged
#                                  writer wrote it when the golden was made
#    (a .dlist unchanged beside a changed hash means the writer changed the
#    untagged bytes: say why in the commit).
# 2. Each deck named in tests/layout/decks.list (NAME PATH; PATH in the
#    repository, or wild/FILE for ../shared/decks-wild) gets goldens in
#    tests/layout/decks/: its slides at 16:9 and 4:3 (NAME.slides-16x9),
#    its booklet (NAME.booklet) and every N-up layout at both aspects
#    (NAME.nup-N-16x9: the sheets, where each slide is placed, and the
#    sheet's own head, folio, frames, captions, notes and rules).
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
need_dp layout || exit 0
tmp=$(dp_tmpdir)
root=$(pwd)
wild="$(git rev-parse --show-toplevel)/../shared/decks-wild"

# compare LABEL WANT DIR: DIR/out against WANT (or rewrite it)
compare() {
    if [ "$rc" -ne 0 ]; then
        fail "$1" "$(dp_run_detail "$3")"
    elif [ "${DP_GOLDEN:-}" = 1 ]; then
        cp "$3/out" "$2"
        pass "$1 (rewritten)"
    elif [ ! -f "$2" ]; then
        fail "$1" "no $2: run make golden"
    elif diff -u "$2" "$3/out" >"$3.diff"; then
        pass "$1"
    else
        fail "$1" "layout changed: $(head -c 400 "$3.diff")"
    fi
}

for deck in tests/layout/*.yaml; do
    name=$(basename "$deck" .yaml)
    want="tests/layout/$name.dlist"
    dp_run "$tmp/$name" "$DP" slides "$deck" -o "$tmp/$name.pdf" --dump
    compare "layout/$name" "$want" "$tmp/$name"
    # --no-tags: the untagged writer's bytes
    hash_want="tests/layout/$name.notags.sha256"
    dp_run "$tmp/$name-u1" "$DP" slides "$deck" -o "$tmp/$name.u1.pdf" --no-tags
    rc1=$rc
    dp_run "$tmp/$name-u2" "$DP" slides "$deck" -o "$tmp/$name.u2.pdf" --no-tags
    if [ "$rc1" -ne 0 ] || [ "$rc" -ne 0 ]; then
        fail "layout/$name/no-tags" "$(dp_run_detail "$tmp/$name-u1")"
    else
        if ! command -v qpdf >/dev/null 2>&1; then
            fail "layout/$name/no-tags-clean" "qpdf is missing (sh scripts/setup.sh test)"
        elif qpdf --qdf --object-streams=disable "$tmp/$name.u1.pdf" "$tmp/$name.qdf.pdf" 2>"$tmp/$name.qpdf.err" ||
            [ $? -eq 3 ]; then # 3: warnings only
            found=$(grep -ao '/StructTreeRoot\|/MarkInfo\|/Metadata\|/OutputIntents\|/StructParents\|/StructParent\|\(BDC\|BMC\|EMC\)$' \
                "$tmp/$name.qdf.pdf" | sort -u | tr '\n' ' ')
            if [ -z "$found" ]; then
                pass "layout/$name/no-tags-clean"
            else
                fail "layout/$name/no-tags-clean" "the --no-tags PDF has $found"
            fi
        else
            fail "layout/$name/no-tags-clean" "qpdf --qdf: $(head -c 200 "$tmp/$name.qpdf.err")"
        fi
        if cmp -s "$tmp/$name.u1.pdf" "$tmp/$name.u2.pdf"; then
            pass "layout/$name/no-tags-repeat"
        else
            fail "layout/$name/no-tags-repeat" "two runs of --no-tags wrote different bytes"
        fi
        got=$(sha256sum <"$tmp/$name.u1.pdf" | cut -d' ' -f1)
        if [ "${DP_GOLDEN:-}" = 1 ]; then
            echo "$got" >"$hash_want"
            pass "layout/$name/no-tags-bytes (rewritten)"
        elif [ ! -f "$hash_want" ]; then
            fail "layout/$name/no-tags-bytes" "no $hash_want: run make golden"
        elif [ "$got" = "$(cat "$hash_want")" ]; then
            pass "layout/$name/no-tags-bytes"
        else
            fail "layout/$name/no-tags-bytes" "the --no-tags PDF is not the golden's ($hash_want); if $want is unchanged, the writer changed the untagged bytes"
        fi
    fi
    # NAME.handout.dlist: the booklet of the same deck too
    hwant="tests/layout/$name.handout.dlist"
    [ -f "$hwant" ] || [ "${DP_GOLDEN:-}" = 1 ] && grep -q '^# golden: handout' "$deck" || continue
    dp_run "$tmp/$name-h" "$DP" handout "$deck" -o "$tmp/$name.handout.pdf" --dump
    compare "layout/$name.handout" "$hwant" "$tmp/$name-h"
done

# golden NAME VARIANT DIR FILE ARGS...: FILE laid out inside DIR (so source
# positions in the dump name the deck as FILE, wherever the tree is)
golden() {
    g_name=$1 g_var=$2 g_dir=$3 g_file=$4
    shift 4
    g_out=$tmp/decks/$g_name.$g_var
    mkdir -p "$g_out"
    (cd "$g_dir" && dp_run "$g_out" "$DP" "$@" "$g_file" -o "$g_out.pdf" --dump -q)
    rc=$(cat "$g_out/rc")
    compare "layout/decks/$g_name.$g_var" "$root/tests/layout/decks/$g_name.$g_var.dlist" "$g_out"
}

mkdir -p tests/layout/decks
grep -v '^#' tests/layout/decks.list | while read -r name path; do
    [ -n "$name" ] || continue
    case $path in
        wild/*) dir=$wild file=${path#wild/} ;;
        *) dir=$root file=$path ;;
    esac
    if [ ! -f "$dir/$file" ]; then
        fail "layout/decks/$name" "no deck $dir/$file"
        continue
    fi
    golden "$name" booklet "$dir" "$file" handout --layout booklet
    for aspect in 16:9 4:3; do
        a=$(echo "$aspect" | tr : x)
        golden "$name" "slides-$a" "$dir" "$file" slides --aspect "$aspect"
        for n in 1 2 3 4 6 9; do
            golden "$name" "nup-$n-$a" "$dir" "$file" handout --layout "$n" --aspect "$aspect"
        done
    done
done
