#!/bin/sh
# tests/e2e/markdown.sh: rich text is Markdown (README "The deck format"),
# read back from the PDFs with poppler and qpdf, not with our own reader.
#   steps        numbered steps each start their own line, numbers in order
#   inline-code  `wasm-pack build --target web` stays whole on one line
#   code         pdftotext -layout of the code slide keeps every line and its
#                indentation (relative columns as written, a tab to 4)
#   fold         a folded YAML scalar joins two lines of hanzi with no space
#   fold-styles  so do a plain, a double-quoted, a single-quoted and a | scalar
#   table        the header cells share a line, in order
#   quote        a quote is set without its ">"
#   links        link annotations carry the URIs of [text](url) and of a bare
#                URL, in the slides, the booklet and a 4-up handout
#   booklet-url  the printed booklet prints the link's URL after its text
#   pdfpc        the .pdfpc notes are plain text: no ** or backticks
#   highlight    in the --dump, Python's `def` is in the template's tok_keyword
#                colour, `top_p` in tok_function, `0.0` in tok_number, a YAML
#                key (templates/yaml.lang) in tok_function and its comment in
#                tok_comment; a fence of an unknown language is plain code_ink;
#                the same for the dark template's colours
#   lints        `check` warns, at each problem's line:column, about an ordered
#                list that skips a number, an empty link and a link without
#                text, an image without alt text, a table row with the wrong
#                number of cells, a row of dashes too short to make a table,
#                and an unclosed code fence
#   image        ![alt](path) is an image block on the slide and in the booklet
#   import-force `import -o FILE` leaves an existing FILE alone (exit 4)
#                unless given --force
#   wild         every deck in ../shared/decks-wild builds
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=markdown
need_dp "$T" || exit 0
need_tools "$T" "$PY" pdftotext qpdf || exit 0
tmp=$(dp_tmpdir)

cat >"$tmp/md.yaml" <<'YAML'
title: Markdown 检查
event: Markdown 检查
sections:
  - title: 块
    items:
      - question: 部署分几步？
        answer: |
          步骤如下：
          1. 安装依赖
          2. 运行 `wasm-pack build --target web` 构建
          3. 启动服务

          详见 [部署文档](https://docs.example.org/deploy) 和 https://example.org/faq 。
        analysis: >
          第一行的中文
          第二行接着写。
        notes: |
          讲 **重点**：`pip` 的用法
      - question: 代码
        answer: |
          ```python
          def top_p(probs, p=0.9):
              total = 0.0
              for i, q in enumerate(probs):
                  if total > p:
                      break
          	total += q
              return i
          ```
      - question: 表格
        answer: |
          | 方法 | 优点 | 代价 |
          |:--|:--:|--:|
          | 过采样 | 简单 | 过拟合 |

          > 引用的话

          ```nosuchlang
          nosuch plain
          ```

          ```yaml
          replicas: 3  # yamlnote
          ```
YAML

dp_run "$tmp/b" "$DP" build "$tmp/md.yaml" -o "$tmp"
if [ "$rc" -ne 0 ]; then
    fail "$T/build" "$(dp_run_detail "$tmp/b")"
    exit 0
fi
dp_run "$tmp/n" "$DP" handout "$tmp/md.yaml" --layout 4 -o "$tmp/md.4up.pdf"
[ "$rc" -eq 0 ] || fail "$T/4up" "$(dp_run_detail "$tmp/n")"
"$DP" slides "$tmp/md.yaml" -o "$tmp/d.pdf" --dump >"$tmp/light.dump" 2>/dev/null || true
"$DP" slides "$tmp/md.yaml" -o "$tmp/d.pdf" --dump --template dark >"$tmp/dark.dump" 2>/dev/null || true
for p in 4 5 6; do
    pdftotext -layout -f "$p" -l "$p" "$tmp/md.slides.pdf" "$tmp/slide$p.txt"
done
pdftotext "$tmp/md.handout.pdf" "$tmp/booklet.txt"
for f in slides handout 4up; do
    qpdf --json "$tmp/md.$f.pdf" >"$tmp/$f.json" 2>/dev/null || true
done

"$PY" - "$tmp" >"$tmp/out" <<'PY'
import json, re, sys
d = sys.argv[1]
def ok(n, m=""): print("PASS markdown/" + n)
def bad(n, m): print("FAIL markdown/%s: %s" % (n, m))
def read(f): return open("%s/%s" % (d, f), encoding="utf-8").read()

s4, s5, s6 = read("slide4.txt"), read("slide5.txt"), read("slide6.txt")
lines4 = [l.strip() for l in s4.splitlines()]
nums = [l.split(".")[0] for l in lines4 if re.match(r"^[0-9]+\. ", l)]
(ok if nums == ["1", "2", "3"] else bad)("steps", "numbered lines %r in %r" % (nums, lines4))
(ok if any("wasm-pack build --target web" in l for l in lines4) else bad)(
    "inline-code", "no line holds the span whole: %r" % lines4)
(ok if "第一行的中文第二行接着写" in s4 else bad)("fold", "folded hanzi not joined: %r" % lines4)

code = ["def top_p(probs, p=0.9):", "    total = 0.0", "    for i, q in enumerate(probs):",
        "        if total > p:", "            break", "    total += q", "    return i"]
out = s5.splitlines()
base = None
problems = []
for src in code:
    body = src.strip()
    hit = [l for l in out if l.rstrip().endswith(body)]
    if not hit:
        problems.append("missing %r" % src)
        continue
    col = len(hit[0].rstrip()) - len(body)
    want = len(src) - len(body)
    if base is None:
        base = col - want
    elif col - base != want:
        problems.append("%r at column %d, want %d" % (src, col - base, want))
(ok if not problems else bad)("code", "; ".join(problems) + " in " + repr(out))

head = [l for l in s6.splitlines() if "方法" in l]
(ok if head and re.search("方法 +优点 +代价", head[0]) else bad)("table", "header line %r" % head)
(ok if not any(l.strip().startswith(">") for l in s6.splitlines()) and "引用的话" in s6 else bad)(
    "quote", repr(s6))

want = {"https://docs.example.org/deploy", "https://example.org/faq"}
for f in ("slides", "handout", "4up"):
    try:
        uris = set(u[2:] if u.startswith("u:") else u for u in re.findall(r'"/URI": "([^"]*)"', read(f + ".json")))
    except OSError:
        uris = set()
    (ok if want <= uris else bad)("links/" + f, "URIs %r, want %r" % (sorted(uris), sorted(want)))

bk = read("booklet.txt").replace("\n", "")
(ok if "部署文档（https://docs.example.org/deploy）" in bk and "faq（" not in bk else bad)(
    "booklet-url", "the booklet text: %r" % bk[:400])

import yaml
def colors(dump, word):
    return set(re.findall(r'color=(#[0-9a-f]{6}) "%s"' % re.escape(word), read(dump)))
for tname, dump in (("default", "light.dump"), ("dark", "dark.dump")):
    pal = yaml.safe_load(open("templates/%s.yaml" % tname, encoding="utf-8"))["colors"]
    want = {"def": pal["tok_keyword"].lower(), "top_p": pal["tok_function"].lower(),
            "0.0": pal["tok_number"].lower(), "plain": pal["code_ink"].lower(),
            "replicas": pal["tok_function"].lower(), "#": pal["tok_comment"].lower()}
    got = {w: colors(dump, w) for w in want}
    (ok if all(got[w] == {c} for w, c in want.items()) else bad)(
        "highlight/" + tname, "colours %r, want %r" % (got, want))

notes = read("md.slides.pdfpc")
(ok if "讲 重点：pip 的用法" in notes and "**" not in notes else bad)("pdfpc", notes[:300])
PY
record_lines "$tmp/out"

# ---------------------------------------------------------------- lints
mkdir -p "$tmp/l/images"
cat >"$tmp/l/lint.yaml" <<'YAML'
title: 检查 Markdown
sections:
  - title: 节
    items:
      - question: 步骤？
        answer: |
          1. 第一步
          2. 第二步
          4. 第四步

          看[文档]()和[](https://example.org)。

          ![](pic.png)

          | a | b |
          |---|---|
          | 1 | 2 | 3 |

          | c | d |
          |--|--|
          | 1 | 2 |

          ```python
          print("never closed")
YAML
"$PY" - "$tmp/l/pic.png" <<'PY'
import struct, sys, zlib
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
raw = b"".join(b"\0" + b"\x80\x80\x80" * 40 for _ in range(30))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 40, 30, 8, 2, 0, 0, 0)) + \
      chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
dp_run "$tmp/l/c" "$DP" check "$tmp/l/lint.yaml"
want="lint.yaml:9:11: warning: this item is numbered 4
lint.yaml:11:13: warning: this link has no URL
lint.yaml:11:18: warning: this link has no text
lint.yaml:13:15: warning: the image pic.png has no alt text
lint.yaml:17:11: warning: this table row has 3 cells
lint.yaml:20:11: warning: each cell of a table's row of dashes
lint.yaml:23:11: warning: this code fence is never closed"
missing=""
printf '%s\n' "$want" >"$tmp/l/want"
while IFS= read -r w; do
    grep -qF "$w" "$tmp/l/c/err" || missing="$missing [$w]"
done <"$tmp/l/want"
if [ -z "$missing" ]; then pass "$T/lints"; else fail "$T/lints" "missing:$missing; got: $(grep warning "$tmp/l/c/err" | head -n 8)"; fi

# ---------------------------------------------------------------- images
cat >"$tmp/l/img.yaml" <<'YAML'
title: 图片
sections:
  - title: 节
    items:
      - question: 图？
        answer: |
          如下：

          ![灰色的方块](pic.png)
YAML
"$DP" slides "$tmp/l/img.yaml" -o "$tmp/l/img.pdf" --dump >"$tmp/l/img.slides" 2>/dev/null || true
"$DP" handout "$tmp/l/img.yaml" -o "$tmp/l/img.h.pdf" --dump >"$tmp/l/img.handout" 2>/dev/null || true
if grep -q '^  image .* image=0 @.*img.yaml:6:17' "$tmp/l/img.slides" && grep -q '^  image .* image=0' "$tmp/l/img.handout"; then
    pass "$T/image"
else
    fail "$T/image" "no image op in the slides or booklet dump: $(grep -c '^  image' "$tmp/l/img.slides") $(grep -c '^  image' "$tmp/l/img.handout")"
fi

# ---------------------------------------------------------------- import --force
printf '# 标题\n\n## 一、节\n\n### 1. 题\n\n**题目：** 问？\n\n**答案：** 答。\n' >"$tmp/l/a.md"
echo "keep me" >"$tmp/l/deck.yaml"
dp_run "$tmp/l/i1" "$DP" import "$tmp/l/a.md" -o "$tmp/l/deck.yaml"
r1=$rc
dp_run "$tmp/l/i2" "$DP" import "$tmp/l/a.md" -o "$tmp/l/deck.yaml" --force
if [ "$r1" -eq 4 ] && grep -q "already exists" "$tmp/l/i1/err" && [ "$rc" -eq 0 ] && grep -q "问？" "$tmp/l/deck.yaml"; then
    pass "$T/import-force"
else
    fail "$T/import-force" "without --force: status $r1 ($(head -c 200 "$tmp/l/i1/err")); with: status $rc"
fi

# ---------------------------------------------------------------- fold in every scalar style
cat >"$tmp/l/fold.yaml" <<'YAML'
title: 折行
sections:
  - title: 节
    items:
      - question: 折行？
        answer: 普通标量的中文
          第二行接着写。
        analysis: "双引号里的中文
          第二行接着写。"
      - question: 单引号
        answer: '单引号里的中文
          第二行接着写。'
        analysis: |-
          字面块里的中文
          第二行接着写。
YAML
dp_run "$tmp/l/f" "$DP" slides "$tmp/l/fold.yaml" -o "$tmp/l/fold.pdf"
pdftotext "$tmp/l/fold.pdf" "$tmp/l/fold.txt" 2>/dev/null || true
missing=""
for w in 普通标量的中文第二行 双引号里的中文第二行 单引号里的中文第二行 字面块里的中文第二行; do
    grep -q "$w" "$tmp/l/fold.txt" 2>/dev/null || missing="$missing $w"
done
if [ "$rc" -eq 0 ] && [ -z "$missing" ]; then pass "$T/fold-styles"; else fail "$T/fold-styles" "status $rc, not joined:$missing"; fi

wild="$(git rev-parse --show-toplevel)/../shared/decks-wild"
if [ -d "$wild" ]; then
    bad=""
    for deck in "$wild"/*.yaml; do
        dp_run "$tmp/w" "$DP" build "$deck" -o "$tmp"
        [ "$rc" -eq 0 ] || bad="$bad $(basename "$deck"): $(dp_run_detail "$tmp/w");"
    done
    if [ -z "$bad" ]; then pass "$T/wild"; else fail "$T/wild" "$bad"; fi
else
    fail "$T/wild" "no $wild (CI clones shared/ beside the repository)"
fi
