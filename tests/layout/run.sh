#!/bin/sh
# Golden layout tests: each tests/layout/NAME.yaml is laid out with
# `deckpress slides --dump` and compared with NAME.dlist; a deck with a
# "# golden: handout" line also with `deckpress handout --dump` against
# NAME.handout.dlist.
# The untagged writer keeps its bytes (issue 17: `--no-tags` writes the PDF
# of the writer before tagging): each deck's `deckpress slides --no-tags` is
#   layout/NAME/no-tags-clean     free of tagging (no StructTreeRoot, MarkInfo,
#                                 Metadata, OutputIntents, StructParents, no
#                                 BDC/BMC/EMC in any content stream: qpdf --qdf)
#   layout/NAME/no-tags-repeat    byte-identical on a second run
#   layout/NAME/no-tags-bytes     byte-identical to the file whose SHA-256 is in
#                                 NAME.notags.sha256: the PDF of the same
#                                 display list (NAME.dlist) as the untagged
#                                 writer wrote it when the golden was made
# `make golden` rewrites the .dlist and .notags.sha256 files; review the diff
# before committing it (a .dlist unchanged beside a changed hash means the
# writer changed the untagged bytes: say why in the commit).
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
need_dp layout || exit 0
tmp=$(dp_tmpdir)
for deck in tests/layout/*.yaml; do
    name=$(basename "$deck" .yaml)
    want="tests/layout/$name.dlist"
    dp_run "$tmp/$name" "$DP" slides "$deck" -o "$tmp/$name.pdf" --dump
    if [ "$rc" -ne 0 ]; then
        fail "layout/$name" "$(dp_run_detail "$tmp/$name")"
    elif [ "${DP_GOLDEN:-}" = 1 ]; then
        cp "$tmp/$name/out" "$want"
        pass "layout/$name (rewritten)"
    elif [ ! -f "$want" ]; then
        fail "layout/$name" "no $want: run make golden"
    elif diff -u "$want" "$tmp/$name/out" >"$tmp/$name.diff"; then
        pass "layout/$name"
    else
        fail "layout/$name" "layout changed: $(head -c 400 "$tmp/$name.diff")"
    fi
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
    if [ "$rc" -ne 0 ]; then
        fail "layout/$name.handout" "$(dp_run_detail "$tmp/$name-h")"
    elif [ "${DP_GOLDEN:-}" = 1 ]; then
        cp "$tmp/$name-h/out" "$hwant"
        pass "layout/$name.handout (rewritten)"
    elif diff -u "$hwant" "$tmp/$name-h/out" >"$tmp/$name-h.diff"; then
        pass "layout/$name.handout"
    else
        fail "layout/$name.handout" "layout changed: $(head -c 400 "$tmp/$name-h.diff")"
    fi
done
