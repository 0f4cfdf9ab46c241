#!/bin/sh
# scripts/docs-images.sh: PNGs of real output for the README (`make docs`).
#   docs/slide-title.png    page 1 of out/llm-founders-meetup.slides.pdf (title)
#   docs/slide-qa.png       page 4 of it (a Q&A slide)
#   docs/handout-page.png   page $HANDOUT_PAGE (default 2) of
#                           out/llm-founders-meetup.handout.pdf, if that exists
# Rendered with pdftoppm at 72 dpi (one pixel per point). Each PNG is written
# to a temp name and renamed, so a failure leaves the previous image.
set -eu
cd "$(dirname "$0")/.."

slides=out/llm-founders-meetup.slides.pdf
handout=out/llm-founders-meetup.handout.pdf
handout_page=${HANDOUT_PAGE:-3}     # 1 when the handout has a single page

command -v pdftoppm >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 || {
    echo "docs-images: pdftoppm/pdfinfo missing (apt-get install poppler-utils)" >&2
    exit 3
}
if [ ! -f "$slides" ]; then
    echo "docs-images: $slides missing; run make first" >&2
    exit 4
fi

pages_of() {
    pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *\([0-9][0-9]*\).*/\1/p'
}

# render PDF PAGE OUT.png
render() {
    n=$(pages_of "$1")
    if [ -z "$n" ] || [ "$n" -lt "$2" ]; then
        echo "docs-images: $1 has ${n:-no} pages, no page $2" >&2
        exit 1
    fi
    tmp=$3.tmp$$
    if ! pdftoppm -r 72 -png -singlefile -f "$2" -l "$2" "$1" "$tmp"; then
        rm -f "$tmp.png"
        echo "docs-images: pdftoppm failed on $1 page $2" >&2
        exit 1
    fi
    mv -f "$tmp.png" "$3"
    echo "docs-images: $3 (page $2 of $1)"
}

mkdir -p docs
render "$slides" 1 docs/slide-title.png
render "$slides" 4 docs/slide-qa.png
if [ -f "$handout" ]; then
    [ "$(pages_of "$handout")" != 1 ] || handout_page=1
    render "$handout" "$handout_page" docs/handout-page.png
else
    echo "docs-images: no $handout; handout image skipped"
fi
