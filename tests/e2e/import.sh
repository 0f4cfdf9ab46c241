#!/bin/sh
# tests/e2e/import.sh: `deckpress import ARTICLE.md` (src/cli/import.c).
#   seed            the seed article imports with no warning; `check` accepts the
#                   deck and `build` builds it; seed_check.py finds every field of
#                   the article in it; its 30 titles, questions, answers and analyses,
#                   the title, subtitle, intro and closing equal the meetup deck's
#   stdout          without -o the same deck goes to stdout
#   fixture-*       each tests/import/*.md imports (exit 0) to a deck that builds,
#                   with the fields its variation should give (see expectations below)
#                   (byline: a byline and a metadata line under a setext title are
#                   left out; any-level: 背景 at level 4 is the intro, a level-1
#                   结束语：… the closing, the heading inside it kept; group: a
#                   heading over two 题目 gives two items titled from it; carry:
#                   an ordered list with a fenced code block in it, a link, a
#                   quote, a table and an autolink stay Markdown, exactly;
#                   rich: * bullets as written; heading-question: a heading
#                   ending in ？ over an answer alone is the question, a note)
#   unmapped-where  what could not be mapped is a warning at its line:col (also
#                   raw HTML, a 解析 outside any item, an image)
#   byline          the byline and metadata lines are notes at their line:col
#   strict          --strict makes those warnings fail (exit 1)
#   no-items        an article without items exits 1 and writes nothing
#   missing         a missing article exits 4
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh

T=import
need_dp "$T" || exit 0
need_tools "$T" "$PY" || exit 0
if ! "$PY" -c 'import yaml' 2>/dev/null; then
    fail "$T" "python3 cannot import yaml (python3-yaml: sh scripts/setup.sh test)"
    exit 0
fi
tmp=$(dp_tmpdir)
# the seed article (shared/seed/000_6134b3454673b7d0.txt), copied verbatim
seed=${DP_SEED:-tests/import/seed-article.txt}

# ---------------------------------------------------------------- the seed
if [ ! -f "$seed" ]; then
    fail "$T/seed" "no seed article at $seed (set DP_SEED)"
else
    mkdir -p "$tmp/seed/decks"
    dp_run "$tmp/seed/imp" "$DP" import "$seed" -o "$tmp/seed/decks/imported.yaml"
    warn=$(grep -c 'warning' "$tmp/seed/imp/err" || true)
    dp_run "$tmp/seed/check" "$DP" check "$tmp/seed/decks/imported.yaml"
    check_rc=$rc
    dp_run "$tmp/seed/build" "$DP" build "$tmp/seed/decks/imported.yaml" -o "$tmp/seed/out"
    build_rc=$rc
    dp_run "$tmp/seed/sc" "$PY" tests/e2e/seed_check.py "$seed" "$tmp/seed/decks/imported.yaml"
    sc_rc=$rc
    if [ ! -s "$tmp/seed/decks/imported.yaml" ]; then
        fail "$T/seed" "no deck written: $(first_line "$tmp/seed/imp/err")"
    elif [ "$warn" -ne 0 ]; then
        fail "$T/seed" "$warn warnings: $(grep -m1 warning "$tmp/seed/imp/err")"
    elif [ "$check_rc" -ne 0 ]; then
        fail "$T/seed" "check exits $check_rc: $(grep -m1 error "$tmp/seed/check/err")"
    elif [ "$build_rc" -ne 0 ] || [ ! -s "$tmp/seed/out/imported.slides.pdf" ]; then
        fail "$T/seed" "build exits $build_rc: $(first_line "$tmp/seed/build/err")"
    elif [ "$sc_rc" -ne 0 ]; then
        fail "$T/seed" "seed_check: $(tail -n 3 "$tmp/seed/sc/out" "$tmp/seed/sc/err" | tr '\n' ' ')"
    else
        st=0
        "$PY" - "$tmp/seed/decks/imported.yaml" decks/llm-founders-meetup.yaml >"$tmp/seed.res" 2>&1 <<'PY' || st=$?
import sys, yaml
a = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
b = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))
ia = [i for s in a["sections"] for i in s["items"]]
ib = [i for s in b["sections"] for i in s["items"]]
bad = []
if len(ia) != 30 or len(ib) != 30:
    bad.append("%d items imported, %d in the meetup deck (want 30)" % (len(ia), len(ib)))
for n, (x, y) in enumerate(zip(ia, ib), 1):
    for k in ("title", "question", "answer", "analysis"):
        if x.get(k) != y.get(k):
            bad.append("item %d %s: %r != %r" % (n, k, x.get(k), y.get(k)))
for k in ("title", "subtitle"):
    if a.get(k) != b.get(k):
        bad.append("%s: %r != %r" % (k, a.get(k), b.get(k)))
for blk in ("intro", "closing"):
    for k in ("title", "body"):
        if a[blk].get(k) != b[blk].get(k):
            bad.append("%s.%s differs" % (blk, k))
if [s["title"] for s in a["sections"]] != [s["title"] for s in b["sections"]]:
    bad.append("section titles differ")
print("FAIL import/seed: " + "; ".join(bad[:5]) if bad else "PASS import/seed")
PY
        record_lines "$tmp/seed.res" "$T/seed" "$st"
    fi
    dp_run "$tmp/seed/stdout" "$DP" import "$seed"
    if [ "$rc" -eq 0 ] && [ "$(tail -n +3 "$tmp/seed/stdout/out")" = "$(tail -n +3 "$tmp/seed/decks/imported.yaml")" ]; then
        pass "$T/stdout"
    else
        fail "$T/stdout" "status $rc; stdout differs from the -o file below the header"
    fi
fi

# ---------------------------------------------------------------- fixtures
# Each line: FIXTURE.md  PYTHON-EXPRESSION over d (the deck) and items (all items)
cat >"$tmp/expect" <<'EOF'
no-space.md	d["title"] == "创业者问答会" and d["subtitle"] == "融资与团队" and len(items) == 3 and items[0]["question"] == "天使轮一般融多少钱？" and items[0]["answer"] == "够用十八个月即可。" and items[1]["answer"] == "看可比公司。" and "analysis" not in items[1] and items[2]["title"] == "条款" and items[2]["analysis"] == "注意倍数和是否参与分配。" and d["sections"][0]["title"] == "融资" and d["intro"]["body"] == "欢迎来到问答会。" and d["closing"]["body"] == "谢谢大家。"
levels.md	d["title"] == "团队建设问答" and d["intro"]["title"] == "前言" and [s["title"] for s in d["sections"]] == ["招聘", "管理"] and [i["title"] for i in items] == ["第一个工程师", "期权", "一对一沟通"] and items[0]["question"] == "第一个工程师应该找什么样的人？" and items[1]["answer"] == "通常百分之十到十五。" and d["closing"]["title"] == "总结"
plain-markers.md	d["title"] == "产品问答" and d["sections"][0]["title"] == "产品" and [i["question"] for i in items] == ["如何验证需求？", "如何定价？", "什么时候做国际化？"] and items[1]["analysis"] == "定价是产品的一部分。" and items[2]["answer"] == "国内跑通之后。"
unmapped.md	len(items) == 1 and items[0]["answer"] == "单体。" and [s["title"] for s in d["sections"]] == ["架构"] and d["closing"]["body"] == "架构随业务演进。"
rich.md	items[0]["answer"] == "至少检查以下几项：\n\n* 回滚方案\n* 监控告警\n  * 错误率\n  * 延迟\n" and items[0]["analysis"].startswith("说明: 发布是高风险操作 #重要\n\n- 不要") and items[1]["question"] == "- 监控指标：怎么选？" and items[1]["answer"] == "'RED' 方法：请求量、错误率、耗时。" and items[1]["analysis"] == "true"
byline.md	d["title"] == "大模型应用开发问答" and d["subtitle"] == "从原型到上线" and d["intro"]["body"] == "今天的问答会分两部分，先讲原型，再讲上线。" and len(items) == 1
any-level.md	d["intro"]["title"] == "背景" and d["intro"]["body"] == "这一期讨论早期招聘。" and d["closing"]["title"] == "结束语：下一期见" and d["closing"]["body"] == "谢谢大家。\n\n### 附：推荐阅读\n\n- 《人月神话》\n" and [s["title"] for s in d["sections"]] == ["招聘"] and len(items) == 1
group.md	[s["title"] for s in d["sections"]] == ["动态规划"] and [i["title"] for i in items] == ["背包问题", "背包问题", "最长公共子序列"] and items[1]["question"] == "完全背包和 0-1 背包的区别？" and items[1]["analysis"] == "正序时同一件物品可以选多次。" and items[0]["answer"] == "`dp[i][w]`：前 i 件物品、容量 w 时的最大价值。"
carry.md	items[0]["answer"] == "步骤如下：\n\n1. 安装依赖\n2. 构建：\n   ```bash\n   make -j2\n\n   make install\n   ```\n3. 启动，见 [部署文档](https://docs.example.org/deploy)\n\n> 生产环境先灰度。\n" and items[0]["analysis"] == "对比：\n\n| 方式 | 优点 | 缺点 |\n|:--|:--:|--:|\n| 全量 | 快 | 风险大 |\n| 灰度 | 稳 | 慢 |\n\n详见 <https://example.org/faq>。\n" and items[1]["question"] == "回滚要 多久？"
heading-question.md	[i["question"] for i in items] == ["如何评估 RAG 的检索质量？", "生成质量呢？"] and "title" not in items[0] and items[1]["answer"] == "用一组固定问题做回归，\n人工打分和模型打分结合。\n"
unmapped-more.md	len(items) == 1 and items[0]["answer"] == "下面。" and items[0]["analysis"] == "图不导入。"
code.md	items[0]["answer"].startswith("如下：\n\n```python\ndef f(xs):\n    total = 0\n\n    for x in xs:\n        total += x\n") and items[0]["answer"].rstrip().endswith("```\n\n注意空行也要保留。")
EOF
n_fixtures=0
while IFS='	' read -r md expr; do
    n_fixtures=$((n_fixtures + 1))
    name=$T/fixture-${md%.md}
    out=$tmp/fx/${md%.md}.yaml
    mkdir -p "$tmp/fx"
    dp_run "$tmp/fx/${md%.md}-imp" "$DP" import "tests/import/$md" -o "$out"
    imp_rc=$rc
    dp_run "$tmp/fx/${md%.md}-build" "$DP" build "$out" -o "$tmp/fx/out"
    if [ "$imp_rc" -ne 0 ]; then
        fail "$name" "import exits $imp_rc: $(first_line "$tmp/fx/${md%.md}-imp/err")"
    elif [ "$rc" -ne 0 ]; then
        fail "$name" "the deck does not build (status $rc): $(grep -m1 error "$tmp/fx/${md%.md}-build/err")"
    else
        st=0
        "$PY" - "$out" "$expr" "$name" >"$tmp/fx.res" 2>&1 <<'PY' || st=$?
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
items = [i for s in d["sections"] for i in s["items"]]
ok = False
try:
    ok = eval(sys.argv[2])
except Exception as e:
    print("FAIL %s: %s: %s" % (sys.argv[3], type(e).__name__, e))
    sys.exit(0)
print("PASS %s" % sys.argv[3] if ok else "FAIL %s: fields not as expected: %s" % (sys.argv[3], repr(d)[:250]))
PY
        record_lines "$tmp/fx.res" "$name" "$st"
    fi
done <"$tmp/expect"
have=$(ls tests/import/*.md | wc -l)
[ "$have" -eq "$n_fixtures" ] || fail "$T/fixtures" "$have fixtures in tests/import, $n_fixtures with expectations"

# ---------------------------------------------------------------- unmapped: where
f=tests/import/unmapped.md
NO_COLOR=1 dp_run "$tmp/um" "$DP" import "$f" -o "$tmp/um.yaml"
missing=
for at in "5:1: warning: text under section" "9:1: warning: text before the item" \
    "15:1: warning: an image is not imported" "17:1: warning: item \"数据库\" has no 答案" \
    "21:1: warning: item \"缓存\" has no 题目" "25:1: warning: section \"空的部分\" has no items" \
    "27:1: warning: text under section"; do
    grep -qF "$f:$at" "$tmp/um/err" || missing="$missing [$at]"
done
f=tests/import/unmapped-more.md
NO_COLOR=1 dp_run "$tmp/um2" "$DP" import "$f" -o "$tmp/um2.yaml"
for at in "3:1: warning: 解析 outside any item" "7:1: warning: raw HTML is not imported" \
    "15:1: warning: an image is not imported"; do
    grep -qF "$f:$at" "$tmp/um2/err" || missing="$missing [$at]"
done
if [ -z "$missing" ]; then pass "$T/unmapped-where"; else fail "$T/unmapped-where" "missing:$missing"; fi

# ---------------------------------------------------------------- byline: a note, not the intro
f=tests/import/byline.md
NO_COLOR=1 dp_run "$tmp/by" "$DP" import "$f" -o "$tmp/by.yaml"
if grep -qF "$f:4:1: note: the line under the title is a byline or metadata" "$tmp/by/err" &&
   grep -qF "$f:6:1: note: the line under the title is a byline or metadata" "$tmp/by/err" &&
   ! grep -q warning "$tmp/by/err" && ! grep -q '作者\|整理' "$tmp/by.yaml"; then
    pass "$T/byline"
else
    fail "$T/byline" "status $rc: $(head -c 300 "$tmp/by/err")"
fi
dp_run "$tmp/um-strict" "$DP" import "$f" --strict -o "$tmp/um-strict.yaml"
if [ "$rc" -eq 1 ]; then pass "$T/strict"; else fail "$T/strict" "status $rc, want 1"; fi

# ---------------------------------------------------------------- errors
printf '# 只有标题\n\n一些文字。\n' >"$tmp/empty.md"
dp_run "$tmp/noitems" "$DP" import "$tmp/empty.md" -o "$tmp/empty.yaml"
if [ "$rc" -eq 1 ] && [ ! -e "$tmp/empty.yaml" ] && grep -q 'no items' "$tmp/noitems/err"; then
    pass "$T/no-items"
else
    fail "$T/no-items" "status $rc (want 1), wrote: $([ -e "$tmp/empty.yaml" ] && echo yes || echo no)"
fi
dp_run "$tmp/missing" "$DP" import "$tmp/no-such.md"
if [ "$rc" -eq 4 ]; then pass "$T/missing"; else fail "$T/missing" "status $rc, want 4"; fi
