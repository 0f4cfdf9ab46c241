#!/usr/bin/env python3
"""tests/e2e/layoutdocs.py HELP ROOT: the handout layouts that `deckpress
--help` prints (generated from dp_handout_layouts, src/load/deck.h) against every
place a person or a tool reads them: docs/deck.schema.json, the bash
completion, the man page (as groff renders it), the README and
decks/example.yaml. Prints one
PASS/FAIL line per place."""
import json
import re
import subprocess
import sys


def words_from_help(text):
    m = re.search(r'--layout ([A-Za-z0-9|]+)\]', text)
    if not m:
        sys.exit('FAIL layouts/help: no "[--layout A|B|...]" in --help')
    return m.group(1).split('|')


def or_list(ws):
    return ', '.join(ws[:-1]) + ' or ' + ws[-1]


def squeeze(s):
    return re.sub(r'\s+', ' ', s)


def main():
    help_text, root = open(sys.argv[1]).read(), sys.argv[2]
    words = words_from_help(help_text)
    nums = [w for w in words if w.isdigit()]
    named = [w for w in words if not w.isdigit()]
    checks = []

    # --help itself: both lines from the table
    checks.append(('help', 'handout layout: %s (slides a sheet)' % or_list(words) in help_text,
                   'the --layout line does not list %s' % or_list(words)))

    # schema: the enum (the words, and the numbers as YAML integers) and its description
    schema = json.load(open(root + '/docs/deck.schema.json'))
    lay = schema['properties']['handout']['properties']['layout']
    enum = [e for e in lay['enum'] if e is not None]
    want = words + [int(n) for n in nums]
    checks.append(('schema', sorted(map(str, enum)) == sorted(map(str, want))
                   and or_list(nums) in lay.get('description', ''),
                   'enum %s, want %s; description must name %s' % (enum, want, or_list(nums))))

    # completion: the --layout words
    comp = open(root + '/completions/deckpress.bash').read()
    m = re.search(r'--layout\)\s*\n\s*_deckpress_words "\$cur" "([^"]*)"', comp)
    checks.append(('completion', m is not None and m.group(1).split() == words,
                   'completions/deckpress.bash offers %s for --layout, want %s'
                   % (m.group(1) if m else 'nothing', ' '.join(words))))

    # man page, rendered: the --layout option and the handout: key
    man = subprocess.run(['groff', '-man', '-Tutf8', '-P-cbou', '-rLL=300n', root + '/deckpress.1'],
                         capture_output=True, text=True).stdout
    man = squeeze(man)
    need = ['%s slides a sheet' % or_list(nums), '(%s)' % ', '.join(words)]
    missing = [n for n in need if n not in man]
    checks.append(('manpage', not missing, 'deckpress.1 does not say: %s' % '; '.join(missing)))

    # README: the N-up list, the deck example's comment and the command line
    readme = squeeze(open(root + '/README.md').read())
    need = ['%s real vector slides' % or_list(nums),
            '# %s ;' % ' | '.join(named + [' '.join(nums)]),
            '[--layout %s]' % '|'.join(words)]
    missing = [n for n in need if n not in readme]
    checks.append(('readme', not missing, 'README.md does not say: %s' % '; '.join(missing)))

    # the commented example deck
    example = open(root + '/decks/example.yaml').read()
    m = re.search(r'^\s*layout: \S+\s*# (.*)$', example, re.M)
    joined = ' | '.join(words)
    comment = m.group(1) if m else ''
    ok = comment.startswith(joined) and not re.match(r'\s*\|', comment[len(joined):])
    checks.append(('example', ok, 'decks/example.yaml: the handout layout comment says "%s", '
                   'want it to start with "%s"' % (comment, joined)))

    for name, ok, why in checks:
        print('PASS layouts/docs/%s' % name if ok else 'FAIL layouts/docs/%s: %s' % (name, why))


main()
