/* harucorrupt: the two PDFs that prove glyphcheck works both ways.
 *   harucorrupt BAD.pdf GOOD.pdf
 * BAD.pdf embeds WenQuanYi Micro Hei (face 0 of wqy-microhei.ttc) with
 * libharu's OWN subsetting, which corrupts its composite glyphs (排 drawn as
 * 非, many hanzi blank; STACK.md): glyphcheck must fail on it.
 * GOOD.pdf draws the same text through dp_pdf_write (hb-subset first), plus a
 * page of fake bold and letter-spaced text: glyphcheck must pass it.
 * Exit 0 when both were written. */
#include <stdio.h>
#include <string.h>

#include <hpdf.h>

#include "dlist.h"
#include "fonts.h"
#include "pdf_out.h"

#define WQY "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
#define SIZE_PT 24.0f
#define PER_LINE 36
#define LINES 13

/* Hanzi known to break (排括数) and a spread of common ones from a meetup deck. */
static const char TEXT[] =
    "排括数据大模型时代的创业者创业心得交流会经验分享问题讨论与资源对接随着人工智能技术的不断进步"
    "如何获取并处理大规模训练数据请列举常用的数据集和处理方法清洗预处理是训练关键步骤公开企业内部"
    "推理部署成本优化量化蒸馏剪枝缓存批处理硬件选择评估指标准确率召回率幻觉安全对齐强化学习人类反馈"
    "产品市场匹配商业模式融资估值团队组建招聘文化开源社区生态合作伙伴客户成功定价策略增长渠道运营"
    "典型面试题与算法编程题库结语主办方北京议程引言解析答案目录第一二三四五六七八九十百千万亿年月日";

static void take_chars(char *dst, const char *src, int nchars, const char **end)
{
    /* Copy nchars UTF-8 characters (all 3-byte hanzi here). */
    int n = 0;
    const char *p = src;
    while (*p && n < nchars) {
        int len = (*p & 0xE0) == 0xE0 ? 3 : (*p & 0xC0) == 0xC0 ? 2 : 1;
        memcpy(dst, p, (size_t)len);
        dst += len, p += len, n++;
    }
    *dst = '\0';
    *end = p;
}

static void on_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
    (void)user;
    fprintf(stderr, "harucorrupt: libharu error 0x%04X (detail %u)\n", (unsigned)e, (unsigned)detail);
}

static int write_bad(const char *path)
{
    HPDF_Doc pdf = HPDF_New(on_error, NULL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    const char *name = HPDF_LoadTTFontFromFile2(pdf, WQY, 0, HPDF_TRUE);
    HPDF_Font font = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
    if (!font) {
        HPDF_Free(pdf);
        return 1;
    }
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetWidth(page, 960);
    HPDF_Page_SetHeight(page, 540);
    const char *p = TEXT;
    char line[PER_LINE * 4 + 1];
    for (int i = 0; i < LINES && *p; i++) {
        take_chars(line, p, PER_LINE, &p);
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, font, SIZE_PT);
        HPDF_Page_MoveTextPos(page, 40, 540 - (50 + 36 * i));
        HPDF_Page_ShowText(page, line);
        HPDF_Page_EndText(page);
    }
    HPDF_STATUS st = HPDF_SaveToFile(pdf, path);
    HPDF_Free(pdf);
    return st != HPDF_OK;
}

static void add_lines(dp_arena *a, dp_page *pg, int face, float stroke, float cs)
{
    const char *p = TEXT;
    char line[PER_LINE * 4 + 1];
    for (int i = 0; i < LINES && *p; i++) {
        take_chars(line, p, PER_LINE - (cs > 0 ? 4 : 0), &p);
        dp_op *op = dp_page_add_op(a, pg, DP_OP_TEXT);
        op->x_pt = 40;
        op->y_pt = 50 + 36 * (float)i;
        op->as.text.face = face;
        op->as.text.size_pt = SIZE_PT;
        op->as.text.stroke_pt = stroke;
        op->as.text.char_space_pt = cs;
        op->as.text.utf8 = dp_arena_strdup(a, line);
        op->as.text.len = (int)strlen(line);
    }
}

static int write_good(const char *path)
{
    dp_diags *d = dp_diags_new();
    dp_arena *a = dp_arena_new(64 * 1024);
    dp_fonts *fonts = dp_fonts_new(NULL, d);
    dp_loc at = {0};
    int face = fonts ? dp_fonts_resolve(fonts, WQY ":0", at, false, d) : -1;
    bool ok = face >= 0;
    if (ok) {
        dp_dlist *dl = dp_dlist_new(a);
        add_lines(a, dp_dlist_add_page(a, dl, 960, 540), face, 0, 0);
        /* Fake bold at 0.03 em and letter spacing must still pass. */
        add_lines(a, dp_dlist_add_page(a, dl, 960, 540), face, 0.03f * SIZE_PT, 3);
        ok = dp_pdf_write(dl, NULL, 0, fonts, NULL, path, true, d);
    }
    dp_diags_print(d, stderr, false);
    dp_fonts_free(fonts);
    dp_arena_free(a);
    dp_diags_free(d);
    return !ok;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: harucorrupt BAD.pdf GOOD.pdf\n", stderr);
        return 2;
    }
    if (write_bad(argv[1])) {
        fprintf(stderr, "harucorrupt: could not write %s\n", argv[1]);
        return 1;
    }
    if (write_good(argv[2])) {
        fprintf(stderr, "harucorrupt: could not write %s\n", argv[2]);
        return 1;
    }
    return 0;
}
