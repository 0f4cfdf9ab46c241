/* layout_image.c: images on slides, scaled to fit a box with their aspect
 * kept. The slide kinds choose the box (layout_qa.c, layout_slides.c). */
#include "layout_priv.h"

#include <string.h>

const dp_image *dp_lay_image_of(const dp_lay *L, const dp_text *path)
{
    return path && path->s ? dp_images_find(L->deck->images, path) : NULL;
}

void dp_lay_image(dp_lay *L, dp_page *p, const dp_image *img, dp_loc src, float x, float y,
                  float box_w, float box_h, float halign, float valign, float *w_out, float *h_out)
{
    int pw, ph;
    dp_image_shown_px(img, &pw, &ph);
    float s = box_w / (float)pw;
    if ((float)ph * s > box_h)
        s = box_h / (float)ph;
    /* never enlarged past DP_IMAGE_MIN_DPI: a 64 px logo stays 48 pt, its
     * pixels unseen */
    if (s > 72.0f / DP_IMAGE_MIN_DPI)
        s = 72.0f / DP_IMAGE_MIN_DPI;
    float w = (float)pw * s, h = (float)ph * s;
    if (w > 0 && h > 0) {
        dp_op *op = dp_page_add_op(L->a, p, DP_OP_IMAGE);
        op->src = src;
        op->x_pt = x + (box_w - w) * halign;
        op->y_pt = y + (box_h - h) * valign;
        op->as.image.image = img->id;
        op->as.image.w_pt = w;
        op->as.image.h_pt = h;
    }
    if (w_out)
        *w_out = w;
    if (h_out)
        *h_out = h;
}

dp_tag dp_lay_figure_tag(dp_tag t, const dp_text *image, const dp_text *alt)
{
    t.role = DP_ROLE_FIGURE;
    if (alt && alt->s && *alt->s) {
        t.alt = alt->s;
    } else if (image && image->s) {
        const char *slash = strrchr(image->s, '/');
        t.alt = slash ? slash + 1 : image->s;
    }
    return t;
}
