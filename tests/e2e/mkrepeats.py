#!/usr/bin/env python3
"""tests/e2e/mkrepeats.py OUT.yaml: a deck whose content is drawn twice
(layout's dp_tag.repeat, issue 17): reveal steps, a question and an answer
too long for one slide (（续） slides with the topic again), and an intro and
a closing that continue on （续） slides with their heading again. The tagged
PDF must hold each piece once, in deck order (tests/e2e/tagged.sh)."""
import sys

LONG = "这是一段很长的引言文字，用来测试续页。" * 40
QUESTION = "一个非常长的问题，" * 40 + "对吗？"
items = "".join(
    "      - title: 话题%d\n        question: %s\n        answer: %s\n"
    % (i, QUESTION if i == 2 else "问题%d是什么？" % i, "答案的段落。" * 90 if i == 3 else "短答案。")
    for i in range(1, 5))
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("title: 重复测试\nreveal: true\nintro:\n  title: 引言\n  body: %s\nsections:\n"
            "  - title: 第一部分\n    items:\n%sclosing:\n  title: 结语\n  body: %s\n" % (LONG, items, LONG))
