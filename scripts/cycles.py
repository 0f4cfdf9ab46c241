#!/usr/bin/env python3
"""scripts/cycles.py: find include and call cycles between the files of src/.

Usage: cycles.py --known FILE --cc CC [--cflags FLAGS] --obj OBJ... -- SRC.c...
       (`make lint` runs it; add --write to rewrite FILE from the tree as it is)

A node is a file stem: src/STAGE/NAME.c and src/STAGE/NAME.h are one node,
NAME (file names are unique across the stage folders).
  include edge  A -> B  when a file of A includes (directly or not, `cc -MM`)
                         a header of B
  call edge     A -> B  when A's object file uses a symbol B's object defines
                         (`nm`: undefined in A.o, defined in B.o)
An edge is a *cycle edge* when it lies on a cycle (both ends in one strongly
connected component). FILE lists the cycle edges the tree is known to have,
one "KIND A -> B" a line. The check fails when the tree has a cycle edge FILE
does not list: every new cycle has at least one such edge, and it is printed
with the shortest cycle through it. Edges of FILE the tree no longer has are
reported (remove them: the count only goes down). Always prints the count:
cycle edges, strongly connected groups of files and elementary cycles.
"""
import os
import re
import subprocess
import sys
from collections import defaultdict, deque


def stem(path):
    return os.path.splitext(os.path.basename(path))[0]


def include_graph(cc, cflags, sources):
    g = defaultdict(set)
    cmd = [cc, '-MM'] + cflags + sources
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit('lint: `%s -MM` failed:\n%s' % (cc, r.stderr.strip()))
    out = r.stdout
    for rule in out.replace('\\\n', ' ').splitlines():
        if ':' not in rule:
            continue
        deps = rule.split(':', 1)[1].split()
        if not deps:
            continue
        a = stem(deps[0])
        for h in deps[1:]:
            # Only the project's own headers (system headers never appear with -MM).
            if h.endswith('.h') and stem(h) != a:
                g[a].add(stem(h))
    return g


def symbols(objs):
    """defined[symbol] = the stem of the object defining it; used[stem] =
    the symbols its object uses (`nm`)."""
    defined, used = {}, defaultdict(set)
    for o in objs:
        r = subprocess.run(['nm', '-P', o], capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit('lint: nm %s failed: %s' % (o, r.stderr.strip()))
        out = r.stdout
        for line in out.splitlines():
            f = line.split()
            if len(f) < 2:
                continue
            sym, kind = f[0], f[1]
            if kind == 'U':
                used[stem(o)].add(sym)
            elif kind in 'TDRBCVWG':
                defined.setdefault(sym, stem(o))
    return defined, used


def call_graph(objs):
    defined, used = symbols(objs)
    g = defaultdict(set)
    for a, syms in used.items():
        for s in syms:
            b = defined.get(s)
            if b and b != a:
                g[a].add(b)
    return g


def sccs(g):
    """Tarjan, iterative: list of sets."""
    nodes = set(g) | {b for vs in g.values() for b in vs}
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(g.get(root, ()))))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(g.get(w, ())))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = set()
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.add(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(comp)
    return out


def shortest_path(g, src, dst):
    prev, q = {src: None}, deque([src])
    while q:
        v = q.popleft()
        if v == dst:
            path = []
            while v is not None:
                path.append(v)
                v = prev[v]
            return path[::-1]
        for w in sorted(g.get(v, ())):
            if w not in prev:
                prev[w] = v
                q.append(w)
    return None


def count_cycles(g, comp, limit=100000):
    """Elementary cycles inside one component (each counted once, from its
    smallest node), stopping at 'limit'."""
    n = 0
    order = sorted(comp)
    for i, s in enumerate(order):
        allowed = set(order[i:])
        stack = [(s, iter(sorted(g.get(s, set()) & allowed)), {s})]
        while stack:
            v, it, seen = stack[-1]
            for w in it:
                if w == s:
                    n += 1
                    if n >= limit:
                        return n
                elif w not in seen:
                    stack.append((w, iter(sorted(g.get(w, set()) & allowed)), seen | {w}))
                    break
            else:
                stack.pop()
    return n


def parse_args(argv, name, options, flags=()):
    """argv -> (values of --OPTION VALUE for each of 'options', set flags,
    cc, cflags, objs, sources); shared with scripts/stages.py."""
    values, on, cc, cflags, objs = {}, set(), 'cc', [], []
    i = 1
    while i < len(argv) and argv[i] != '--':
        a = argv[i]
        if a in options:
            values[a] = argv[i + 1]; i += 2
        elif a in flags:
            on.add(a); i += 1
        elif a == '--cc':
            cc = argv[i + 1]; i += 2
        elif a == '--cflags':
            cflags = argv[i + 1].split(); i += 2
        elif a == '--obj':
            i += 1
            while i < len(argv) and not argv[i].startswith('--'):
                objs.append(argv[i]); i += 1
        else:
            sys.exit('%s: unknown argument %s' % (name, a))
    # Only flags the preprocessor needs (-I, -D), so -MMD and friends do not
    # write dependency files.
    cflags = [f for f in cflags if f.startswith(('-I', '-D', '-isystem'))]
    return values, on, cc, cflags, objs, argv[i + 1:]


def main(argv):
    values, on, cc, cflags, objs, sources = parse_args(argv, 'cycles.py', ('--known',), ('--write',))
    known_path, write = values.get('--known'), '--write' in on
    if not known_path or not sources or not objs:
        sys.exit(__doc__)

    graphs = {'include': include_graph(cc, cflags, sources),
              'call': call_graph(objs)}
    edges, ncomp, ncyc, report = set(), 0, 0, []
    for kind, g in graphs.items():
        for comp in sccs(g):
            ncomp += 1
            ncyc += count_cycles(g, comp)
            report.append('%s cycle group: %s' % (kind, ' '.join(sorted(comp))))
            for a in sorted(comp):
                for b in sorted(g.get(a, set()) & comp):
                    edges.add((kind, a, b))

    if write:
        with open(known_path, 'w') as f:
            f.write('# Known include/call cycle edges between src/ files (scripts/cycles.py).\n'
                    '# `make lint` fails on any cycle edge not listed here; remove lines as\n'
                    '# cycles are broken, never add one to get a new cycle past the check.\n')
            for kind, a, b in sorted(edges):
                f.write('%s %s -> %s\n' % (kind, a, b))
    known = set()
    with open(known_path) as f:
        for line in f:
            m = re.match(r'\s*(include|call)\s+(\S+)\s*->\s*(\S+)\s*$', line)
            if m:
                known.add(m.groups())
    new = sorted(edges - known)
    gone = sorted(known - edges)

    print('cycles: %d cycle edges (%d known), %d groups of files in a cycle, %d elementary cycles'
          % (len(edges), len(edges & known), ncomp, ncyc))
    for kind, a, b in new:
        path = shortest_path(graphs[kind], b, a)
        print('lint: new %s cycle: %s (%s -> %s is not in %s)'
              % (kind, ' -> '.join([a] + path), a, b, known_path))
    for kind, a, b in gone:
        print('cycles: %s %s -> %s is no longer on a cycle: remove it from %s'
              % (kind, a, b, known_path))
    if new:
        for r in report:
            print('  ' + r)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
