/* layout_qr.c: a QR code (libqrencode) as vector squares on a white tile. */
#include <math.h>
#include <qrencode.h>
#include <string.h>

#include "layout_priv.h"

/* Relative luminance (WCAG 2) of a colour. */
static float luminance(dp_rgb c)
{
    float v[3] = {c.r, c.g, c.b};
    for (int i = 0; i < 3; i++)
        v[i] = v[i] <= 0.03928f ? v[i] / 12.92f : powf((v[i] + 0.055f) / 1.055f, 2.4f);
    return 0.2126f * v[0] + 0.7152f * v[1] + 0.0722f * v[2];
}

/* The modules must be dark on the white tile whatever the palette: a dark
 * theme's ink is light, so the darker of ink and background is used, and
 * black when neither gives a contrast of 7:1 with white (luminance 0.1). */
static dp_rgb module_color(const dp_rgb *pal)
{
    dp_rgb ink = pal[DP_COLOR_INK], bg = pal[DP_COLOR_BG];
    dp_rgb c = luminance(ink) <= luminance(bg) ? ink : bg;
    if (luminance(c) > 0.1f)
        c = (dp_rgb){0, 0, 0};
    return c;
}

bool dp_lay_qr(dp_lay *L, dp_page *p, const dp_text *url, float x, float y, float size,
               const dp_rgb *pal)
{
    QRcode *qr = QRcode_encodeString(url->s, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr) {
        dp_error(L->d, url->loc, "cannot make a QR code of this text (%d bytes); "
                 "use a shorter URL", url->len);
        return false;
    }
    const dp_rgb white = {1, 1, 1}, dark = module_color(pal);
    dp_page_rect(L->a, p, x, y, size, size, white);
    dp_page_frame(L->a, p, x, y, size, size, 1, pal[DP_COLOR_RULE]);
    /* the code with its quiet zone of 4 modules spans 160 of the 192 pt tile */
    int w = qr->width, quiet = 4;
    float span = size * 160.0f / 192.0f;
    float m = span / (float)(w + 2 * quiet);
    float ox = x + (size - span) / 2 + (float)quiet * m, oy = y + (size - span) / 2 + (float)quiet * m;
    int first = p->n_ops;
    for (int r = 0; r < w; r++) {
        int c = 0;
        while (c < w) {
            if (!(qr->data[r * w + c] & 1)) {
                c++;
                continue;
            }
            int run = c;
            while (run < w && (qr->data[r * w + run] & 1))
                run++;
            /* one rect per horizontal run of dark modules */
            dp_page_rect(L->a, p, ox + (float)c * m, oy + (float)r * m, (float)(run - c) * m, m,
                         dark);
            c = run;
        }
    }
    dp_page_group(L->a, p, first, "qr-modules");
    QRcode_free(qr);
    return true;
}
