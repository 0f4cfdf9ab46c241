#!/bin/sh
# tests/e2e/manpage.sh: the man page deckpress.1.
#   ascii       the source is plain ASCII (other characters as \[uXXXX]), so
#               groff reads it the same with or without preconv
#   groff       groff -man -Tutf8 -ww prints no warning and exits 0
#   man         man -l ./deckpress.1 renders it (man-db) with nothing on stderr
#   version     .TH names the version deckpress --version prints and the
#               Makefile's VERSION
#   complete    every command of src/cli/main.c's commands[] is under COMMANDS, every
#               option of options[] (and -q -v -h --version) under OPTIONS,
#               every variable src/*.c reads with getenv() under ENVIRONMENT,
#               every DP_EXIT_* status of src/util/diag.h under EXIT STATUS, and
#               every key of docs/deck.schema.json under DECK FORMAT; EXAMPLES
#               and the yaml-language-server line are there
#   self-test   the same check fails on a copy with the fonts command removed
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=manpage
MAN=deckpress.1
need_tools "$T" groff "$PY" || exit 0
t=$(dp_tmpdir)

if LC_ALL=C grep -n '[^ -~	]' "$MAN" >"$t/nonascii"; then
    fail "$T/ascii" "non-ASCII bytes, first at line $(cut -d: -f1 "$t/nonascii" | head -n 1)"
else
    pass "$T/ascii"
fi

rc=0
groff -man -Tutf8 -ww "$MAN" >"$t/groff.raw" 2>"$t/groff.err" || rc=$?
# plain text: no overstriking (X BS X) or SGR codes
sed 's/.\x08//g; s/\x1b\[[0-9;]*m//g' "$t/groff.raw" >"$t/groff.out"
if [ "$rc" -ne 0 ] || [ -s "$t/groff.err" ]; then
    fail "$T/groff" "status $rc: $(head -n 3 "$t/groff.err")"
elif ! grep -q 'EXIT STATUS' "$t/groff.out"; then
    fail "$T/groff" "rendered text lacks EXIT STATUS"
else
    pass "$T/groff: $(wc -l <"$t/groff.out") lines"
fi

if command -v man >/dev/null 2>&1; then
    rc=0
    MANWIDTH=80 MANPAGER=cat PAGER=cat man -l "./$MAN" >"$t/man.out" 2>"$t/man.err" || rc=$?
    if [ "$rc" -ne 0 ] || [ -s "$t/man.err" ]; then
        fail "$T/man" "status $rc: $(head -n 3 "$t/man.err")"
    elif ! grep -q '（续）' "$t/man.out"; then
        fail "$T/man" "the \\[uXXXX] escapes do not render as Chinese"
    else
        pass "$T/man"
    fi
fi

th_version=$(sed -n 's/^\.TH [^"]*"[^"]*" "deckpress \([^"]*\)".*/\1/p' "$MAN")
mk_version=$(sed -n 's/^VERSION *= *//p' Makefile)
dp_version=
[ -x "$DP" ] && dp_version=$("$DP" --version | sed -n '1s/^deckpress //p')
if [ -z "$th_version" ]; then
    fail "$T/version" ".TH has no \"deckpress VERSION\""
elif [ "$th_version" != "$mk_version" ]; then
    fail "$T/version" "man page $th_version, Makefile VERSION $mk_version"
elif [ -n "$dp_version" ] && [ "$th_version" != "$dp_version" ]; then
    fail "$T/version" "man page $th_version, deckpress --version $dp_version"
else
    pass "$T/version: $th_version"
fi

cat >"$t/complete.py" <<'EOF'
import json, re, sys

man_path = sys.argv[1]
man = open(man_path, encoding="ascii").read()
main = open("src/cli/main.c", encoding="utf-8").read()
diag = open("src/util/diag.h", encoding="utf-8").read()
import glob
srcs = "".join(open(f, encoding="utf-8").read() for f in glob.glob("src/*/*.c"))


def section(name):
    m = re.search(r"^\.SH %s\n(.*?)(?=^\.SH )" % re.escape(name), man, re.S | re.M)
    if not m:
        return None
    # roff to plain words: \- is -, font escapes go
    return re.sub(r"\\f[BIRP]", "", m.group(1).replace("\\-", "-"))


def block(name):
    m = re.search(r"static const %s\[\] = \{(.*?)\n\};" % name, main, re.S)
    return m.group(1) if m else ""


missing = []
for sec in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "DECK FORMAT", "EXIT STATUS",
            "ENVIRONMENT", "FILES", "EXAMPLES", "SEE ALSO"]:
    if section(sec) is None and not re.search(r"^\.SH %s$" % sec, man, re.M):
        missing.append("section " + sec)

commands = re.findall(r'\{"([a-z-]+)", dp_cmd_', block("command commands"))
if not commands:
    missing.append("(no commands found in src/cli/main.c)")
cmd_sec = section("COMMANDS") or ""
for c in commands:
    if not re.search(r"^\.(B|BI|BR) %s\b" % re.escape(c), cmd_sec, re.M):
        missing.append("command " + c)

opts = []
for a, b in re.findall(r'\{"(-[^"]+)", (?:"(-[^"]+)"|NULL)', block("option options")):
    opts += [a] + ([b] if b else [])
opts += ["-q", "--quiet", "-v", "--verbose", "-h", "--help", "--version"]
opt_sec = section("OPTIONS") or ""
for o in opts:
    if not re.search(r"(^|[\s\"])%s($|[\s\",])" % re.escape(o), opt_sec, re.M):
        missing.append("option " + o)

env_sec = section("ENVIRONMENT") or ""
for v in sorted(set(re.findall(r'getenv\(\s*"([A-Z_]+)"', srcs)) |
                set(re.findall(r'"(DECKPRESS_[A-Z_]+)"', srcs)) | {"SOURCE_DATE_EPOCH", "NO_COLOR"}):
    if not re.search(r"^\.B %s$" % v, env_sec, re.M):
        missing.append("environment " + v)

exit_sec = section("EXIT STATUS") or ""
for n in re.findall(r"DP_EXIT_[A-Z]+ = (\d+)", diag):
    if not re.search(r"^\.B %s$" % n, exit_sec, re.M):
        missing.append("exit status " + n)

deck_sec = section("DECK FORMAT") or ""
schema = json.load(open("docs/deck.schema.json", encoding="utf-8"))


def keys(node, out):
    if isinstance(node, dict):
        if "$ref" in node:
            node = schema["definitions"][node["$ref"].split("/")[-1]]
        for k, v in node.get("properties", {}).items():
            out.add(k)
            keys(v, out)
        if isinstance(node.get("items"), dict):
            keys(node["items"], out)
    return out


for k in sorted(keys(schema, set())):
    if not re.search(r"(^\.B[IR]? |\s)%s(\s|$|:)" % re.escape(k), deck_sec, re.M):
        missing.append("deck key " + k)

ex = section("EXAMPLES") or ""
if "yaml-language-server: $schema=" not in man.replace("\\-", "-"):
    missing.append("the yaml-language-server line")
if ex.count(".EX") < 3:
    missing.append("examples (want at least 3 .EX blocks)")

print("%d commands, %d options, %d deck keys" % (len(commands), len(opts), len(keys(schema, set()))))
if missing:
    print("MISSING " + "; ".join(missing))
    sys.exit(1)
EOF

rc=0
"$PY" "$t/complete.py" "$MAN" >"$t/complete.out" 2>&1 || rc=$?
if [ "$rc" -eq 0 ]; then
    pass "$T/complete: $(first_line "$t/complete.out")"
else
    fail "$T/complete" "$(tail -n 2 "$t/complete.out")"
fi

# The completeness check must be able to fail: drop the fonts command's entry.
sed '/^\.SH COMMANDS/,/^\.SH OPTIONS/{/^\.BR fonts /d}' "$MAN" >"$t/broken.1"
if cmp -s "$MAN" "$t/broken.1"; then
    fail "$T/self-test" "could not remove the fonts entry (did its markup change?)"
elif "$PY" "$t/complete.py" "$t/broken.1" >"$t/broken.out" 2>&1; then
    fail "$T/self-test" "a man page without the fonts command passed"
elif grep -q 'command fonts' "$t/broken.out"; then
    pass "$T/self-test"
else
    fail "$T/self-test" "failed for another reason: $(tail -n 1 "$t/broken.out")"
fi
