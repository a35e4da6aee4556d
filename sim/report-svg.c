/*
 * report-svg.c - the inline SVG charts of the HTML report (report-html.h).
 *
 * Plain SVG 1.1 that every browser and print path draws without scripts.
 * The charts are laid out left to right whatever the page's direction
 * (style="direction:ltr" on the root); their few words (dimension names,
 * scenario ids) go through rh_esc() like everything else.
 */
#include "report-html.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static const char *const rh_svg_colors[SCORE_NDIM] = {
    "#d95f02", "#1b9e77", "#7570b3", "#e7298a",
};

static void rh_svg_open(FILE *f, int w, int h, const char *label)
{
    fprintf(f, "<svg viewBox=\"0 0 %d %d\" "
            "width=\"%d\" height=\"%d\" role=\"img\" style=\"direction:ltr\" "
            "aria-label=\"", w, h, w, h);
    rh_esc(f, label);
    fputs("\">\n", f);
}

/* The 0-10 grid of a chart whose plot area is x0..x1, y0 (10) .. y1 (0). */
static void rh_svg_grid_y(FILE *f, double x0, double x1, double y0, double y1)
{
    for (int v = 0; v <= 10; v += 2) {
        double y = y1 - (y1 - y0) * v / 10.0;
        fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                "class=\"grid\"/><text x=\"%.1f\" y=\"%.1f\" class=\"tick\" "
                "text-anchor=\"end\">%d</text>\n", x0, y, x1, y, x0 - 4, y + 4, v);
    }
}

void rh_svg_trend(FILE *f, const store_rep_session *v, size_t n)
{
    const int w = 520, h = 220;
    const double x0 = 30, x1 = w - 110, y0 = 10, y1 = h - 25;
    rh_svg_open(f, w, h, _("trend per dimension over sessions"));
    rh_svg_grid_y(f, x0, x1, y0, y1);
    double step = n > 1 ? (x1 - x0) / (double)(n - 1) : 0;
    for (int d = -1; d < SCORE_NDIM; d++) {
        const char *color = d < 0 ? "#222" : rh_svg_colors[d];
        fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" "
                "points=\"", color, d < 0 ? "2.5" : "1.5");
        for (size_t i = 0; i < n; i++) {
            double val = d < 0 ? v[i].overall : v[i].dims[d];
            double x = n > 1 ? x0 + step * (double)i : (x0 + x1) / 2;
            fprintf(f, "%s%.1f,%.1f", i ? " " : "", x, y1 - (y1 - y0) * val / 10.0);
        }
        fputs("\"/>\n", f);
        if (n == 1) {
            double val = d < 0 ? v[0].overall : v[0].dims[d];
            fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n",
                    (x0 + x1) / 2, y1 - (y1 - y0) * val / 10.0, color);
        }
        double ly = y0 + 8 + 18 * (d + 1);
        fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"4\" fill=\"%s\"/>"
                "<text x=\"%.1f\" y=\"%.1f\" class=\"lbl\">", x1 + 12, ly - 4,
                color, x1 + 28, ly + 1);
        rh_esc(f, d < 0 ? _("overall") : _(score_dim_name((score_dim)d)));
        fputs("</text>\n", f);
    }
    fprintf(f, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">",
            (x0 + x1) / 2, h - 6);
    fprintf(f, ngettext("%zu session", "%zu sessions", n), n);
    fputs("</text>\n</svg>\n", f);
}

void rh_svg_profile(FILE *f, const double dims[SCORE_NDIM])
{
    const int w = 360, rowh = 28, h = 20 + rowh * SCORE_NDIM;
    const double x0 = 100, x1 = w - 40;
    rh_svg_open(f, w, h, _("profile: mean per dimension"));
    for (int d = 0; d < SCORE_NDIM; d++) {
        double y = 10 + rowh * d;
        double len = (x1 - x0) * dims[d] / 10.0;
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" class=\"lbl\" text-anchor=\"end\">",
                x0 - 6, y + 15);
        rh_esc(f, _(score_dim_name((score_dim)d)));
        fprintf(f, "</text><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" "
                "class=\"track\"/><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                "height=\"18\" fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\" "
                "class=\"lbl\">%.1f</text>\n", x0, y, x1 - x0, x0, y, len,
                rh_svg_colors[d], x1 + 4, y + 14, dims[d]);
    }
    fputs("</svg>\n", f);
}

static int rh_svg_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double rh_svg_q(const double *v, size_t n, double q)
{
    double pos = q * (double)(n - 1);
    size_t i = (size_t)pos;
    double frac = pos - (double)i;
    return i + 1 < n ? v[i] + (v[i + 1] - v[i]) * frac : v[i];
}

void rh_svg_boxes(FILE *f, const store_rep_session *v, size_t n)
{
    size_t rows = 0;
    for (size_t i = 0; i < n; i++)
        rows += i == 0 || strcmp(v[i].scenario, v[i - 1].scenario) != 0;
    const int w = 640, rowh = 26, h = 40 + rowh * (int)rows;
    const double x0 = 190, x1 = w - 70;
    rh_svg_open(f, w, h, _("overall grade per scenario"));
    for (int t = 0; t <= 10; t += 2) {
        double x = x0 + (x1 - x0) * t / 10.0;
        fprintf(f, "<line x1=\"%.1f\" y1=\"6\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>"
                "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%d"
                "</text>\n", x, x, h - 24, x, h - 8, t);
    }
    double *buf = malloc((n ? n : 1) * sizeof *buf);
    size_t row = 0;
    for (size_t i = 0; i < n && buf;) {
        size_t j = i, k = 0;
        while (j < n && strcmp(v[j].scenario, v[i].scenario) == 0)
            buf[k++] = v[j++].overall;
        qsort(buf, k, sizeof *buf, rh_svg_cmp);
        double q[5] = {buf[0], rh_svg_q(buf, k, .25), rh_svg_q(buf, k, .5),
                       rh_svg_q(buf, k, .75), buf[k - 1]};
        double y = 8 + rowh * (double)row, ym = y + 9;
        double X[5];
        for (int m = 0; m < 5; m++)
            X[m] = x0 + (x1 - x0) * q[m] / 10.0;
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" class=\"lbl\" text-anchor=\"end\">",
                x0 - 8, ym + 4);
        rh_esc(f, v[i].scenario);
        fprintf(f, "</text><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                "class=\"whisk\"/><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                "height=\"18\" class=\"box\"/><line x1=\"%.1f\" y1=\"%.1f\" "
                "x2=\"%.1f\" y2=\"%.1f\" class=\"med\"/><text x=\"%.1f\" y=\"%.1f\" "
                "class=\"tick\">n=%zu</text>\n",
                X[0], ym, X[4], ym, X[1], y, X[3] - X[1] > 1 ? X[3] - X[1] : 1,
                X[2], y, X[2], y + 18, x1 + 8, ym + 4, k);
        row++;
        i = j;
    }
    free(buf);
    fputs("</svg>\n", f);
}

void rh_svg_meter(FILE *f, double value)
{
    fprintf(f, "<svg viewBox=\"0 0 100 8\" "
            "width=\"100\" height=\"8\" aria-hidden=\"true\" style=\"direction:ltr\">"
            "<rect width=\"100\" height=\"8\" class=\"track\"/><rect width=\"%.1f\" "
            "height=\"8\" fill=\"#d95f02\"/></svg>", value * 10);
}
