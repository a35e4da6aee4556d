/*
 * report-html.c - the page of `hamdel report --html` (report-html.h).
 *
 * Sections: the headline numbers, the profile, for the team the grade
 * distribution per scenario, a table of trainees and one of workshops, a
 * trend chart per trainee, and the hardest turns with the typical reply beside the model
 * answer. The page is written in one pass straight to the (temporary)
 * file; no text is written without rh_esc().
 */
#include "report-html.h"

#include <string.h>

#include "i18n.h"

/* Trend charts drawn for at most this many trainees (the table lists all). */
#define RH_MAX_TRENDS 60

static const char rh_css[] =
    "body{font-family:system-ui,'Vazirmatn','Noto Sans Arabic','DejaVu Sans',"
    "sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222;"
    "background:#fff;line-height:1.45}\n"
    "h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em;"
    "border-bottom:1px solid #ccc}\n"
    ".sub{color:#555}.nums{display:flex;flex-wrap:wrap;gap:1em;margin:1em 0}\n"
    ".num{border:1px solid #ddd;border-radius:6px;padding:.5em 1em;min-width:8em}\n"
    ".num b{display:block;font-size:1.6em}\n"
    ".charts{display:flex;flex-wrap:wrap;gap:1.5em}\n"
    "figure{margin:0;break-inside:avoid}figcaption{font-weight:600}\n"
    "svg .grid{stroke:#e3e3e3}svg .tick{font-size:10px;fill:#666}\n"
    "svg .lbl{font-size:12px;fill:#222}svg .track{fill:#eee}\n"
    "svg .box{fill:#fdd9b5;stroke:#d95f02}svg .whisk{stroke:#999}\n"
    "svg .med{stroke:#222;stroke-width:2}\n"
    "table{border-collapse:collapse}td,th{padding:.25em .7em;border-bottom:1px "
    "solid #eee;text-align:start}td.n{text-align:end;font-variant-numeric:"
    "tabular-nums}\n"
    ".hard{border:1px solid #ddd;border-radius:6px;padding:.7em 1em;margin:1em 0;"
    "break-inside:avoid}\n"
    ".pair{display:grid;grid-template-columns:1fr 1fr;gap:1em}\n"
    "blockquote{margin:.3em 0;padding:.5em .8em;background:#f6f6f6;"
    "border-inline-start:3px solid #bbb;white-space:pre-wrap}\n"
    ".model blockquote{border-color:#1b9e77}\n"
    "@media print{body{margin:0;max-width:none;font-size:10pt}"
    "h2{break-after:avoid}.num{border-color:#999}"
    "blockquote{background:none;border-color:#666}}\n";

void rh_esc(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default:
            /* control characters (other than newline and tab) are dropped */
            if (c >= 0x20 || c == '\n' || c == '\t')
                fputc(c, f);
        }
    }
}

/* User text in running HTML: isolated, its own direction. */
static void rh_bdi(FILE *f, const char *s)
{
    fputs("<bdi>", f);
    rh_esc(f, s && *s ? s : _("(no name)"));
    fputs("</bdi>", f);
}

/* A stored time (ISO 8601 UTC, "2026-11-23T14:05:12Z") as people read it,
 * "2026-11-23 14:05 UTC", with the exact value kept in <time datetime>;
 * anything else (an imported oddity) is shown escaped as it is. */
static void rh_when(FILE *f, const char *iso)
{
    if (!iso || strlen(iso) < 17 || iso[10] != 'T' || iso[13] != ':' ||
        strspn(iso, "0123456789-T:Z") != strlen(iso)) {
        rh_esc(f, iso ? iso : "");
        return;
    }
    fprintf(f, "<time datetime=\"%s\">%.10s %.5s UTC</time>", iso, iso, iso + 11);
}

/* A headline number: `prec` decimals. */
static void rh_num(FILE *f, const char *label, int prec, double v)
{
    fputs("<div class=\"num\"><b>", f);
    fprintf(f, "%.*f", prec, v);
    fputs("</b>", f);
    rh_esc(f, label);
    fputs("</div>\n", f);
}

static void rh_headline(FILE *f, const struct rh_report *r)
{
    const store_rep_totals *t = &r->tot;
    fputs("<div class=\"nums\">\n", f);
    if (!r->trainee)
        rh_num(f, _("trainees"), 0, (double)t->trainees);
    rh_num(f, _("sessions"), 0, (double)t->sessions);
    rh_num(f, _("finished sessions"), 0, (double)t->finished);
    rh_num(f, _("graded turns"), 0, (double)t->turns);
    if (t->finished) {
        int best = 0, weak = 0;
        rh_num(f, _("mean overall"), 1, t->overall);
        for (int d = 1; d < SCORE_NDIM; d++) {
            if (t->dims[d] > t->dims[best]) best = d;
            if (t->dims[d] < t->dims[weak]) weak = d;
        }
        fputs("<div class=\"num\"><b>", f);
        rh_esc(f, _(score_dim_name((score_dim)best)));
        fputs("</b>", f);
        rh_esc(f, _("strongest dimension"));
        fputs("</div>\n<div class=\"num\"><b>", f);
        rh_esc(f, _(score_dim_name((score_dim)weak)));
        fputs("</b>", f);
        rh_esc(f, _("weakest dimension"));
        fputs("</div>\n", f);
    }
    fputs("</div>\n", f);
}

/* The team's table: one row per trainee (sessions, means). */
static void rh_trainees(FILE *f, const struct rh_report *r)
{
    fputs("<h2>", f);
    rh_esc(f, _("Trainees"));
    fputs("</h2>\n<table>\n<tr><th>", f);
    rh_esc(f, _("trainee"));
    fputs("</th><th>", f);
    rh_esc(f, _("sessions"));
    fputs("</th><th>", f);
    rh_esc(f, _("overall"));
    for (int d = 0; d < SCORE_NDIM; d++) {
        fputs("</th><th>", f);
        rh_esc(f, _(score_dim_name((score_dim)d)));
    }
    fputs("</th><th>", f);
    rh_esc(f, _("last session"));
    fputs("</th></tr>\n", f);
    for (size_t i = 0; i < r->n_sess;) {
        size_t j = i;
        double sum = 0, dims[SCORE_NDIM] = {0};
        for (; j < r->n_sess && strcmp(r->sess[j].trainee, r->sess[i].trainee) == 0; j++) {
            sum += r->sess[j].overall;
            for (int d = 0; d < SCORE_NDIM; d++)
                dims[d] += r->sess[j].dims[d];
        }
        double k = (double)(j - i);
        fputs("<tr><td dir=\"auto\">", f);
        rh_bdi(f, r->sess[i].trainee);
        fprintf(f, "</td><td class=\"n\">%zu</td><td class=\"n\">%.1f</td>",
                j - i, sum / k);
        for (int d = 0; d < SCORE_NDIM; d++)
            fprintf(f, "<td class=\"n\">%.1f</td>", dims[d] / k);
        fputs("<td>", f);
        rh_when(f, r->sess[j - 1].started);
        fputs("</td></tr>\n", f);
        i = j;
    }
    fputs("</table>\n", f);
}

static void rh_trends(FILE *f, const struct rh_report *r)
{
    size_t shown = 0;
    fputs("<h2>", f);
    rh_esc(f, _("Trend over sessions"));
    fputs("</h2>\n<div class=\"charts\">\n", f);
    for (size_t i = 0; i < r->n_sess;) {
        size_t j = i;
        while (j < r->n_sess && strcmp(r->sess[j].trainee, r->sess[i].trainee) == 0)
            j++;
        if (shown++ < RH_MAX_TRENDS) {
            fputs("<figure><figcaption dir=\"auto\">", f);
            rh_bdi(f, r->sess[i].trainee);
            fputs("</figcaption>\n", f);
            rh_svg_trend(f, r->sess + i, j - i);
            fputs("</figure>\n", f);
        }
        i = j;
    }
    fputs("</div>\n", f);
    if (shown > RH_MAX_TRENDS) {
        fputs("<p class=\"sub\">", f);
        fprintf(f, _("Trends of the first %d trainees; the table above lists "
                     "all %zu."), RH_MAX_TRENDS, shown);
        fputs("</p>\n", f);
    }
}

static void rh_quote(FILE *f, const char *cls, const char *label,
                     const char *text, score_lang lang)
{
    fprintf(f, "<div class=\"%s\"><div>", cls);
    rh_esc(f, label);
    fprintf(f, "</div><blockquote dir=\"auto\" lang=\"%s\">",
            score_lang_name(lang));
    rh_esc(f, text && *text ? text : "—");
    fputs("</blockquote></div>\n", f);
}

static void rh_hardest(FILE *f, const struct rh_report *r)
{
    fputs("<h2>", f);
    rh_esc(f, r->trainee ? _("Hardest turns") : _("Hardest turns across the team"));
    fputs("</h2>\n<p class=\"sub\">", f);
    rh_esc(f, _("The customer lines with the lowest mean overall grade; the "
                "typical reply is the one with the median grade there."));
    fputs("</p>\n", f);
    for (size_t i = 0; i < r->n_hard; i++) {
        const store_rep_hard *h = &r->hard[i];
        fputs("<div class=\"hard\"><div><b>", f);
        rh_esc(f, h->scenario);
        fputs(" · ", f);
        rh_esc(f, h->node);
        fputs("</b> (", f);
        rh_esc(f, score_lang_name(h->lang));
        fputs(") ", f);
        rh_svg_meter(f, h->mean);
        fputs(" ", f);
        fprintf(f, ngettext("mean %.1f over %lld turn", "mean %.1f over %lld turns",
                            (unsigned long)h->count), h->mean, h->count);
        fputs("</div>\n", f);
        if (r->customer && r->customer[i])
            rh_quote(f, "cust", _("The customer:"), r->customer[i], h->lang);
        fputs("<div class=\"pair\">\n", f);
        char label[200];
        snprintf(label, sizeof label, _("Typical reply (graded %.1f):"),
                 h->reply_overall);
        rh_quote(f, "typ", label, h->reply, h->lang);
        rh_quote(f, "model", _("Model answer:"),
                 r->model && r->model[i] ? r->model[i] : _("(the scenario has "
                 "no model answer here)"), h->lang);
        fputs("</div></div>\n", f);
    }
}

/* A trainee's tracks: steps passed and certification. */
static void rh_tracks_trainee(FILE *f, const struct rh_report *r)
{
    fputs("<table>\n<tr><th>", f);
    rh_esc(f, _("track"));
    fputs("</th><th>", f);
    rh_esc(f, _("steps passed"));
    fputs("</th><th>", f);
    rh_esc(f, _("certified"));
    fputs("</th></tr>\n", f);
    for (size_t i = 0; i < r->n_certs; i++) {
        const struct rh_cert *c = &r->certs[i];
        fputs("<tr><td dir=\"auto\">", f);
        rh_esc(f, c->title);
        fprintf(f, "</td><td class=\"n\">%zu / %zu</td><td>", c->passed, c->steps);
        if (c->certified) {
            rh_when(f, c->certified_at);
            fprintf(f, " (%.1f)", c->mean);
        } else {
            fputs("&#8212;", f);
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

/* The team: per track, how many are certified, then who and when. */
static void rh_tracks_team(FILE *f, const struct rh_report *r)
{
    for (size_t t = 0; t < r->n_tracks && t < r->n_certs; t++) {
        const char *id = r->certs[t].track;
        size_t people = 0, certified = 0;
        for (size_t i = 0; i < r->n_certs; i++)
            if (strcmp(r->certs[i].track, id) == 0) {
                people++;
                certified += (size_t)r->certs[i].certified;
            }
        fputs("<h3 dir=\"auto\">", f);
        rh_esc(f, r->certs[t].title);
        fputs("</h3>\n<p>", f);
        fprintf(f, _("%zu of %zu trainees certified."), certified, people);
        fputs("</p>\n", f);
        if (!certified)
            continue;
        fputs("<table>\n<tr><th>", f);
        rh_esc(f, _("trainee"));
        fputs("</th><th>", f);
        rh_esc(f, _("certified"));
        fputs("</th><th>", f);
        rh_esc(f, _("overall"));
        fputs("</th></tr>\n", f);
        for (size_t i = 0; i < r->n_certs; i++) {
            const struct rh_cert *c = &r->certs[i];
            if (strcmp(c->track, id) != 0 || !c->certified)
                continue;
            fputs("<tr><td dir=\"auto\">", f);
            rh_bdi(f, c->trainee);
            fputs("</td><td>", f);
            rh_when(f, c->certified_at);
            fprintf(f, "</td><td class=\"n\">%.1f</td></tr>\n", c->mean);
        }
        fputs("</table>\n", f);
    }
}

static void rh_tracks(FILE *f, const struct rh_report *r)
{
    if (!r->n_certs)
        return;
    fputs("<h2>", f);
    rh_esc(f, _("Tracks"));
    fputs("</h2>\n", f);
    if (r->trainee)
        rh_tracks_trainee(f, r);
    else
        rh_tracks_team(f, r);
}

/* One workshop: when, which scenarios, who, how the room did. */
static void rh_workshop_row(FILE *f, const store_rep_workshop *w)
{
    fputs("<tr><td>", f);
    rh_when(f, w->started);
    if (w->interrupted) {
        fputs(" (", f);
        rh_esc(f, _("interrupted"));
        fputs(")", f);
    }
    fputs("</td><td>", f);
    rh_esc(f, w->scenarios);
    fprintf(f, " (%lld)</td><td dir=\"auto\">", w->rounds);
    rh_bdi(f, w->players);
    fprintf(f, "</td><td class=\"n\">%lld</td><td class=\"n\">", w->replies);
    if (w->replies)
        fprintf(f, "%.1f", w->overall);
    else
        fputs("&#8212;", f);
    fputs("</td><td dir=\"auto\">", f);
    if (w->picked_most) {
        rh_bdi(f, w->picked_most);
        fprintf(f, " (%lld)", w->picks);
    } else {
        fputs("&#8212;", f);
    }
    fputs("</td></tr>\n", f);
}

/* The team's workshops, one row each (their sessions are in the numbers
 * above already, under each player). */
static void rh_workshops(FILE *f, const struct rh_report *r)
{
    fputs("<h2>", f);
    rh_esc(f, _("Workshops"));
    fputs("</h2>\n<table>\n<tr><th>", f);
    rh_esc(f, _("date"));
    fputs("</th><th>", f);
    rh_esc(f, _("scenarios (rounds)"));
    fputs("</th><th>", f);
    rh_esc(f, _("players"));
    fputs("</th><th>", f);
    rh_esc(f, _("replies"));
    fputs("</th><th>", f);
    rh_esc(f, _("room's mean overall"));
    fputs("</th><th>", f);
    rh_esc(f, _("picked most"));
    fputs("</th></tr>\n", f);
    for (size_t i = 0; i < r->n_workshops; i++)
        rh_workshop_row(f, &r->workshops[i]);
    fputs("</table>\n", f);
}

int rh_write(FILE *f, const struct rh_report *r)
{
    const char *lang = i18n_lang();
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n"
            "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
            "content=\"width=device-width, initial-scale=1\">\n<title>",
            lang, strcmp(lang, "fa") == 0 ? "rtl" : "ltr");
    rh_esc(f, _("hamdel report"));
    if (r->trainee) {
        fputs(": ", f);
        rh_esc(f, r->trainee);
    }
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", rh_css);
    if (r->trainee) {
        rh_esc(f, _("Progress report:"));
        fputs(" ", f);
        rh_bdi(f, r->trainee);
    } else {
        rh_esc(f, _("Team progress report"));
    }
    fputs("</h1>\n<p class=\"sub\">", f);
    if (r->since)
        fprintf(f, _("Sessions since %s; generated %s."), r->since, r->today);
    else
        fprintf(f, _("All sessions; generated %s."), r->today);
    fputs("</p>\n", f);
    rh_headline(f, r);
    if (r->tot.finished == 0) {
        fputs("<p>", f);
        rh_esc(f, _("No finished sessions to chart yet."));
        fputs("</p>\n", f);
    } else {
        fputs("<h2>", f);
        rh_esc(f, _("Profile"));
        fputs("</h2>\n<figure>", f);
        rh_svg_profile(f, r->tot.dims);
        fputs("</figure>\n", f);
        if (!r->trainee) {
            fputs("<h2>", f);
            rh_esc(f, _("Overall grade per scenario"));
            fputs("</h2>\n<figure>", f);
            rh_svg_boxes(f, r->by_scn, r->n_by_scn);
            fputs("</figure>\n", f);
            rh_trainees(f, r);
        }
        rh_trends(f, r);
    }
    if (!r->trainee && r->n_workshops)
        rh_workshops(f, r);
    rh_tracks(f, r);
    if (r->n_hard)
        rh_hardest(f, r);
    fputs("</body>\n</html>\n", f);
    return ferror(f) ? -1 : 0;
}
