#!/bin/sh
# Every element fits its frame or wraps (issue 13 points 4 and 5):
#   agenda-complete   llm-app-dev-60q.yaml: its agenda lists every section
#                     and the closing (two columns across the page), never
#                     "…… 另有 N 项"; the intro moves to a slide of its own
#   agenda-pages      80 sections: the agenda continues on 议程（续） slides,
#                     every section listed, numbers in order
#   venue-wraps       design-night's long venue wraps left of the motif, whole
#   too-long          a subtitle, section subtitle, topic line and event name
#                     too long for their places are shortened with … and each
#                     gets a warning at its line; check --strict fails
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
YAML
NO_COLOR=1 dp_run "$tmp/long" "$DP" check "$tmp/long.yaml" --strict
miss=""
for w in "2:11: warning: the subtitle is too long" "3:8: warning: the footer text is too long" \
         "6:15: warning: the section's subtitle is too long" "8:16: warning: the topic line is too long"; do
    grep -q "long.yaml:$w" "$tmp/long/err" || miss="$miss [$w]"
done
if [ "$rc" -eq 1 ] && [ -z "$miss" ]; then
    pass fit_elements/too-long
else
    fail fit_elements/too-long "status $rc (want 1 under --strict); missing$miss; $(head -c 300 "$tmp/long/err")"
fi
