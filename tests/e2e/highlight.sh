#!/bin/sh
# tests/e2e/highlight.sh: syntax highlighting cannot hang or mislead
# (src/load/highlight.cc, templates/yaml.lang), read from the --dump.
#   yaml-keys     a YAML key is coloured at the start of a line and after "- ",
#                 never a "word:" inside a value (url: http://…, note: see: here)
#   deck-lang     a templates/python.lang beside the deck that makes
#                 Source-highlight loop forever (a "|" symbol, a rule matching
#                 nothing) is not loaded: the build ends, and Python is
#                 coloured by the shipped definition
#   long-lines    a Python block of lines Source-highlight needs seconds each
#                 for (8 KB of "a.b(") is set plain at once, and a normal block
#                 in the same deck is still coloured
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=highlight
need_dp "$T" || exit 0
need_tools "$T" "$PY" || exit 0
tmp=$(dp_tmpdir)
mkdir -p "$tmp/d/templates"

cat >"$tmp/d/h.yaml" <<'YAML'
title: 高亮
sections:
  - title: 节
    items:
      - question: YAML
        answer: |
          ```yaml
          url: http://example.org/a
          - item: x
            note: see: here
          ```
      - question: Python
        answer: |
          ```python
          def keep(a, b):
              return a | b
          ```
YAML
# what made Source-highlight 3.1.9 loop: a literal "|" symbol, a rule that matches nothing
printf 'keyword = "def"\nsymbol = "|", "+"\nkeyword = `a*`\n' >"$tmp/d/templates/python.lang"

"$PY" - "$tmp/d/long.yaml" <<'PY'
import sys
line = "x = " + "a.b(" * 2000
body = "\n".join(["          " + line] * 20)
open(sys.argv[1], "w", encoding="utf-8").write("""title: 长行
sections:
  - title: 节
    items:
      - question: 长行
        answer: |
          ```python
%s
          ```
      - question: 短
        answer: |
          ```python
          def short():
              return 1
          ```
""" % body)
PY

dp_run "$tmp/h" "$DP" slides "$tmp/d/h.yaml" -o "$tmp/h.pdf" --dump
cp "$tmp/h/out" "$tmp/h.dump"
hrc=$rc
dp_run "$tmp/l" "$DP" slides "$tmp/d/long.yaml" -o "$tmp/l.pdf" --dump
cp "$tmp/l/out" "$tmp/l.dump"
lrc=$rc

"$PY" - "$tmp" "$hrc" "$lrc" >"$tmp/out" <<'PY'
import re, sys, yaml
d, hrc, lrc = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def ok(n, m=""): print("PASS highlight/" + n)
def bad(n, m): print("FAIL highlight/%s: %s" % (n, m))
pal = yaml.safe_load(open("templates/default.yaml", encoding="utf-8"))["colors"]
key, kw, ink = pal["tok_function"].lower(), pal["tok_keyword"].lower(), pal["code_ink"].lower()
def runs(f):
    out = []
    for l in open("%s/%s" % (d, f), encoding="utf-8"):
        m = re.search(r'color=(#[0-9a-f]{6}) "((?:[^"\\]|\\.)*)"', l)
        if m and l.startswith("  text"):
            out.append((m.group(2), m.group(1)))
    return out
if hrc != 0:
    bad("yaml-keys", "the build failed (status %d)" % hrc)
    bad("deck-lang", "the build failed or hung (status %d)" % hrc)
else:
    r = runs("h.dump")
    col = lambda w: {c for t, c in r if t == w}
    want = {"url": {key}, "item": {key}, "note": {key}, "http://example.org/a": {ink}, "see:": {ink}}
    got = {w: col(w) for w in want}
    (ok if got == want else bad)("yaml-keys", "colours %r, want %r" % (got, want))
    (ok if col("def") == {kw} and col("return") == {kw} else bad)(
        "deck-lang", "def %r return %r, want the shipped python.lang's keyword %s" % (col("def"), col("return"), kw))
if lrc != 0:
    bad("long-lines", "the build failed or hung (status %d)" % lrc)
else:
    r = runs("l.dump")
    long_cols = {c for t, c in r if "a.b(" in t or t == "x"}
    short = {c for t, c in r if t == "def"}
    (ok if long_cols == {ink} and short == {kw} else bad)(
        "long-lines", "long block colours %r (want plain %s), def in %r (want %s)" % (long_cols, ink, short, kw))
PY
record_lines "$tmp/out"
