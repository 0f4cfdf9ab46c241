/* color.h: an RGB colour shared by the template model and the display list. */
#ifndef DP_COLOR_H
#define DP_COLOR_H

typedef struct { float r, g, b; } dp_rgb; /* each 0..1 */

#endif
