#!/usr/bin/env python3
"""scripts/stages.py: hold the stage folders of src/ to their order.

Usage: stages.py --rules FILE --cc CC [--cflags FLAGS] --obj OBJ... -- SRC.c...
       (`make lint` runs it)

FILE lists, for every folder of src/, the folders its files may use:
"STAGE: OTHER OTHER ..." a line. A file uses another folder when it
includes one of its headers (directly or not, `cc -MM`) or calls a function
or uses a variable defined there (`nm`). Any use not listed fails, naming
the files and the symbol or header; a folder of src/ missing from FILE
fails too. Also checks that only src/cli/ prints: no object outside it
refers to stdout or stderr or calls printf, puts, putchar, vprintf, perror
or psignal, except the files FILE lists under "prints:" (each with the
reason in a comment); and only src/cli/ reads the environment (getenv),
but for the files listed under "env:". And that every name an object exports (a function
or a variable other files may use) takes the dp_ prefix (main and the C++
runtime's names aside).
"""
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cycles import include_graph, parse_args, stem, symbols  # noqa: E402


# Writing to the terminal: the standard streams, and the calls that write to
# them implicitly. (fprintf to a FILE a caller passes, or to a file being
# written, is not printing.)
PRINTING = {'printf', 'puts', 'putchar', 'vprintf', 'perror', 'psignal', 'stdout', 'stderr'}


def read_rules(path):
    allowed, prints, env = {}, set(), set()
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.split('#', 1)[0].strip()
            if not line:
                continue
            if ':' not in line:
                sys.exit('lint: %s:%d: want "STAGE: STAGE ..."' % (path, n))
            k, v = line.split(':', 1)
            k = k.strip()
            if k == 'prints':
                prints |= set(v.split())
            elif k == 'env':
                env |= set(v.split())
            else:
                allowed[k] = set(v.split())
    return allowed, prints, env


def exported_unprefixed(sym):
    return not (sym.startswith('dp_') or sym == 'main' or sym.startswith(('_Z', 'DW.ref.', '__')))


def main(argv):
    values, _, cc, cflags, objs, sources = parse_args(argv, 'stages.py', ('--rules',))
    rules_path = values.get('--rules')
    if not rules_path or not sources or not objs:
        sys.exit(__doc__)
    allowed, prints, env = read_rules(rules_path)

    # every file stem of src/ -> its stage folder
    stage = {}
    for p in glob.glob('src/*/*.c') + glob.glob('src/*/*.cc') + glob.glob('src/*/*.h'):
        stage[stem(p)] = p.split('/')[1]
    bad = []
    for s in sorted(set(stage.values()) - set(allowed)):
        bad.append('lint: src/%s/ is not in %s: say which stages it may use' % (s, rules_path))

    def check(kind, a, b, what):
        sa, sb = stage.get(a), stage.get(b)
        if sa is None or sb is None or sa == sb or sa not in allowed:
            return
        if sb not in allowed[sa]:
            bad.append('lint: %s/ may not use %s/: %s %s %s (%s)' % (sa, sb, a, kind, b, what))

    inc = include_graph(cc, cflags, sources)
    for a in sorted(inc):
        for b in sorted(inc[a]):
            check('includes', a, b, b + '.h')
    defined, used = symbols(objs)
    for sym in sorted(defined):
        if exported_unprefixed(sym):
            bad.append('lint: exported names take the dp_ prefix: %s (in %s.o); or make it static'
                       % (sym, defined[sym]))
    for a in sorted(used):
        seen = set()
        for sym in sorted(used[a]):
            b = defined.get(sym)
            if b and b != a and (b, stage.get(b)) not in seen:
                n = len(bad)
                check('calls', a, b, sym)
                if len(bad) > n:
                    seen.add((b, stage.get(b)))
        if stage.get(a) != 'cli' and a not in env and used[a] & {'getenv', 'secure_getenv'}:
            bad.append('lint: the environment is read in src/cli/ (main.c), once: %s calls getenv '
                       '(take the value as an option or argument)' % a)
        if stage.get(a) != 'cli' and a not in prints:
            out = sorted(used[a] & PRINTING)
            if out:
                bad.append('lint: only src/cli/ prints: %s uses %s (record a message in the '
                           'diagnostics, or return the text to the command)' % (a, ', '.join(out)))
    for line in bad:
        print(line)
    print('stages: %d folders, %d uses across folders checked' % (
        len(set(stage.values())),
        sum(1 for a in inc for b in inc[a] if stage.get(a) != stage.get(b))))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
