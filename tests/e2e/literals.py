#!/usr/bin/env python3
"""literals.py: no position or size literal in layout code (issue 13 point 1).

usage: python3 tests/e2e/literals.py ALLOW FILE...

Every number written in FILE's C code (comments, strings, character
literals, #include lines and `char name[N]` buffer sizes left out) must be
0, 1, 2 or 0.5 (halves, pairs, none, one: arithmetic, not geometry), or be
listed for that file (or for "*", every file) in ALLOW with the reason it is not geometry (a
typographic ratio of a font size, a float tolerance, a unit conversion, a
standard's constant). Geometry belongs in the template (geometry:).
Prints one "PASS literals/FILE" or "FAIL literals/FILE: ..." line per file,
and FAIL lines for ALLOW entries no file uses any more (stale reasons).
Standard library only."""
import os
import re
import sys

FREE = {0.0, 1.0, 2.0, 0.5}
NUM = re.compile(r"(?<![A-Za-z_0-9.])((?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?)[fFuUlL]*(?![A-Za-z_0-9.])")


def code_of(text):
    """text with comments, strings and char literals blanked (lines kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (j - i - 1) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    code = "".join(out)
    code = re.sub(r"(?m)^[ \t]*#[ \t]*include.*$", "", code)
    return re.sub(r"\bchar\s+\w+\[\d+\](?:\s*,\s*\w+\[\d+\])*", "char buf[]", code)


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    allow = {}
    for line in open(argv[1], encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        f, v, reason = (line.split(None, 2) + [""])[:3]
        if not reason:
            print("FAIL literals/allow: %s %s has no reason" % (f, v))
        allow.setdefault(f, {})[float(v.rstrip("fF"))] = reason
    used = set()
    for path in argv[2:]:
        base = os.path.basename(path)
        code = code_of(open(path, encoding="utf-8").read())
        bad = []
        allowed = {**allow.get("*", {}), **allow.get(base, {})}
        for ln, line in enumerate(code.split("\n"), 1):
            for m in NUM.finditer(line):
                v = float(m.group(1))
                if v in FREE:
                    continue
                if v in allowed:
                    used.add((base if v in allow.get(base, {}) else "*", v))
                    continue
                bad.append("%s:%d: %s" % (path, ln, m.group(0)))
        if bad:
            print("FAIL literals/%s: %d number(s) not in the template: %s" % (base, len(bad), "; ".join(bad[:6])))
        else:
            print("PASS literals/%s" % base)
    names = {os.path.basename(p) for p in argv[2:]} | {"*"}
    for f, vals in allow.items():
        for v in vals:
            if f in names and (f, v) not in used:
                print("FAIL literals/allow: %s %g is allowed but not used any more: drop it" % (f, v))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
