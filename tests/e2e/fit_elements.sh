#!/bin/sh
# Every element fits its frame or wraps (issue 13 points 4 and 5):
#   agenda-complete   llm-app-dev-60q.yaml: its agenda lists every section
#                     and the closing (two columns across the page), never
#                     "…… 另有 N 项"; the intro moves to a slide of its own
#   agenda-pages      80 sections: the agenda continues on 议程（续） slides,
#                     every section listed, numbers in order
#   venue-wraps       design-night's long venue wraps left of the motif, whole
#   too-long          a subtitle, section subtitle, topic line, venue and event name
#                     too long for their places are shortened with … and each
#                     gets a warning at its line; check --strict fails; laid
#                     out, the subtitles wrap clear of the motif and a QR
#                     caption cut to its room ends with …
#   wide-continued    linlibang: a wide picture on an item that continues
#                     anyway is not left shrunk: on its （续） slide it takes
#                     the text's full width, or the frame's full height
#                     (it stayed at 60 %, a thumbnail, before), 16:9 and 4:3
set -eu
cd "$(dirname "$0")/../.."
. tests/lib.sh
need_dp fit_elements || exit 0
need_tools fit_elements pdftotext || exit 0
tmp=$(dp_tmpdir)
wild="$(git rev-parse --show-toplevel)/../shared/decks-wild"

if [ -f "$wild/llm-app-dev-60q.yaml" ]; then
    dp_run "$tmp/60" "$DP" slides "$wild/llm-app-dev-60q.yaml" -o "$tmp/60.pdf"
    page=$(pdftotext -f 2 -l 2 "$tmp/60.pdf" - | tr -d ' \n')
    missing=""
    for s in 开场 提示词与上下文 检索增强 评估与上线 成本、安全与合规 谢谢; do
        case "$page" in *"$s"*) ;; *) missing="$missing $s" ;; esac
    done
    case "$page" in *另有*) missing="$missing (says 另有)" ;; esac
    [ -z "$missing" ] && pass fit_elements/agenda-complete ||
        fail fit_elements/agenda-complete "agenda slide lacks:$missing"
fi

{
    echo "title: 八十个分组"
    echo "sections:"
    i=1
    while [ $i -le 80 ]; do
        echo "  - title: 第${i}组问题"
        echo "    items: [{question: 问题${i}？, answer: 答案${i}。}]"
        i=$((i + 1))
    done
} > "$tmp/many.yaml"
dp_run "$tmp/many" "$DP" slides "$tmp/many.yaml" -o "$tmp/many.pdf" --dump
heads=$(grep -c '^page .* title="议程' "$tmp/many/out" || true)
listed=$(pdftotext -f 2 -l $((heads + 1)) "$tmp/many.pdf" - | tr -d ' ' | grep -o '第[0-9]*组问题' | sort -u | wc -l)
if [ "$rc" -eq 0 ] && [ "$heads" -ge 2 ] && [ "$listed" -eq 80 ]; then
    pass fit_elements/agenda-pages
else
    fail fit_elements/agenda-pages "status $rc, $heads agenda slides listing $listed of 80 sections"
fi

if [ -f "$wild/design-night-vol12-dark.yaml" ]; then
    NO_COLOR=1 dp_run "$tmp/dn" "$DP" slides "$wild/design-night-vol12-dark.yaml" -o "$tmp/dn.pdf"
    t=$(pdftotext -f 1 -l 1 "$tmp/dn.pdf" - | tr -d ' \n')
    case "$t" in
        *咖啡2楼*) grep -q 'warning: the date and venue' "$tmp/dn/err" &&
            fail fit_elements/venue-wraps "shortened: $(grep -m1 'date and venue' "$tmp/dn/err")" ||
            pass fit_elements/venue-wraps ;;
        *) fail fit_elements/venue-wraps "the venue is not whole on the title slide: $t" ;;
    esac
fi

long=$(printf '很长的文字%.0s' $(seq 1 40))
cat > "$tmp/long.yaml" <<YAML
title: 过长的元素
subtitle: 副标题$long
event: 活动名称$long
sections:
  - title: 一组
    subtitle: 分组副标题$long
    items:
      - title: 主题行$long
        question: 问题？
        answer: 答案。
closing:
  title: 结语
  body: 谢谢。
  qr: https://example.org/$long
  qr_label: 扫码领取$long
venue: 会场$long
YAML
NO_COLOR=1 dp_run "$tmp/long" "$DP" check "$tmp/long.yaml" --strict
miss=""
for w in "2:11: warning: the subtitle is too long" "3:8: warning: the footer text is too long" \
         "6:15: warning: the section's subtitle is too long" "8:16: warning: the topic line is too long" \
         "16:8: warning: the date and venue line is too long"; do
    grep -q "long.yaml:$w" "$tmp/long/err" || miss="$miss [$w]"
done
if [ "$rc" -eq 1 ] && [ -z "$miss" ]; then
    pass fit_elements/too-long
else
    fail fit_elements/too-long "status $rc (want 1 under --strict); missing$miss; $(head -c 300 "$tmp/long/err")"
fi
# the same deck laid out: long subtitles wrap clear of the motif (invariants
# no-overlap: they ran into it), nothing leaves the safe area, and a QR
# caption cut to the room left ends with … (it stopped mid-phrase)
dp_run "$tmp/long-s" "$DP" slides "$tmp/long.yaml" -o "$tmp/long.pdf" --dump -q
"$PY" tests/e2e/invariants.py --rules no-overlap,safe-area dump fit_elements/too-long/slides "$tmp/long-s/out" | grep -v "^# count" > "$tmp/long.res"
record_lines "$tmp/long.res"
last=$(pdfinfo "$tmp/long.pdf" 2>/dev/null | awk '/^Pages:/{print $2}')
if pdftotext -f "${last:-1}" -l "${last:-1}" "$tmp/long.pdf" - | grep -B1 '^example.org' | head -1 | grep -q '…$'; then
    pass fit_elements/too-long/caption-cut
else
    fail fit_elements/too-long/caption-cut "the cut QR caption does not end with …: $(pdftotext -f "${last:-1}" -l "${last:-1}" "$tmp/long.pdf" - | grep -B1 '^example.org' | head -1)"
fi

# wide-continued: the dump's pictures on pages of a continued flow
for aspect in 16:9 4:3; do
    [ -f "$wild/linlibang-ai-support-retro.yaml" ] || break
    d=$tmp/lin-${aspect%%:*}
    dp_run "$d" "$DP" slides "$wild/linlibang-ai-support-retro.yaml" --aspect "$aspect" -o "$d.pdf" --dump -q
    "$PY" - "$d/out" "fit_elements/wide-continued/$aspect" <<'PY' > "$d.res" || echo "FAIL fit_elements/wide-continued/$aspect: checker failed" >> "$d.res"
import re, sys
pages, cur = [], None
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("page "):
        cur = {"flow": None, "images": [], "right": 0}
        pages.append(cur)
    elif cur is not None:
        m = re.match(r"  flow piece=\d+/\d+ frame=([\d.]+)-([\d.]+)", line)
        if m:
            cur["flow"] = (float(m.group(1)), float(m.group(2)))
        m = re.match(r"  image ([\d.]+),([\d.]+) ([\d.]+)x([\d.]+)", line)
        if m:
            cur["images"].append(tuple(float(v) for v in m.groups()))
        m = re.match(r"  text ([\d.]+),[\d.]+ .* w=([\d.]+)", line)
        if m:   # the page number ends at the right margin
            cur["right"] = max(cur["right"], float(m.group(1)) + float(m.group(2)))
bad, seen = [], 0
for no, p in enumerate(pages, 1):
    if not p["flow"]:
        continue
    for (x, y, w, h) in p["images"]:
        if w < 1.5 * h - 0.5:
            continue  # not a wide picture
        seen += 1
        if w < 0.95 * (p["right"] - x) and h < 0.95 * (p["flow"][1] - p["flow"][0]):
            bad.append("page %d: %.0f x %.0f pt, the text is %.0f wide, the frame %.0f high"
                       % (no, w, h, p["right"] - x, p["flow"][1] - p["flow"][0]))
name = sys.argv[2]
if not seen:
    print("FAIL %s: no wide picture on a continued item (the deck changed?)" % name)
elif bad:
    print("FAIL %s: shrunk and continued: %s" % (name, "; ".join(bad)))
else:
    print("PASS %s (%d pictures)" % (name, seen))
PY
    record_lines "$d.res"
done
