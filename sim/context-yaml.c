/*
 * context-yaml.c - reads a --context YAML file into a struct ctx_data.
 *
 * libyaml's document API gives every node its start mark, so errors point
 * at FILE:LINE:COL. This file only turns YAML nodes into ctx_value views and
 * walks them; what is valid is decided by ctx_apply() in context.c, shared
 * with the JSON contexts of batch mode.
 */
#include "context.h"
#include "i18n.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

/* A context is a few sentences; anything this big is a wrong file. */
#define CTX_YAML_MAX (64u * 1024u * 1024u)

static int cy_is_null(const yaml_node_t *n)
{
    if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    const char *s = (const char *)n->data.scalar.value;
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") ||
           !strcmp(s, "Null") || !strcmp(s, "NULL");
}

static void cy_view(const yaml_node_t *n, struct ctx_value *v)
{
    memset(v, 0, sizeof *v);
    v->line = (int)n->start_mark.line + 1;
    v->col = (int)n->start_mark.column + 1;
    v->node = n;
    switch (n->type) {
    case YAML_SCALAR_NODE:
        v->s = (const char *)n->data.scalar.value;
        v->len = n->data.scalar.length;
        if (cy_is_null(n))
            v->type = CTX_V_NULL;
        else
            v->type = n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE
                          ? CTX_V_PLAIN
                          : CTX_V_STR;
        break;
    case YAML_SEQUENCE_NODE: v->type = CTX_V_SEQ; break;
    case YAML_MAPPING_NODE: v->type = CTX_V_MAP; break;
    default: v->type = CTX_V_NULL; break;
    }
}

static int cy_each(const struct ctx_source *src, const struct ctx_value *v,
                   ctx_visit_fn fn, void *ud)
{
    yaml_document_t *doc = src->doc;
    const yaml_node_t *n = v->node;
    struct ctx_value key, val;
    int rc;
    if (n->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = n->data.sequence.items.start;
             it < n->data.sequence.items.top; it++) {
            cy_view(yaml_document_get_node(doc, *it), &val);
            if ((rc = fn(ud, NULL, &val)) != 0)
                return rc;
        }
    } else if (n->type == YAML_MAPPING_NODE) {
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
             p < n->data.mapping.pairs.top; p++) {
            cy_view(yaml_document_get_node(doc, p->key), &key);
            cy_view(yaml_document_get_node(doc, p->value), &val);
            if ((rc = fn(ud, &key, &val)) != 0)
                return rc;
        }
    }
    return 0;
}

/* 1-based line and column (in characters) of a byte offset. */
static void cy_offset_pos(const char *text, size_t len, size_t off,
                          int *line, int *col)
{
    *line = 1, *col = 1;
    for (size_t i = 0; i < off && i < len; i++) {
        if (text[i] == '\n')
            ++*line, *col = 1;
        else if (((unsigned char)text[i] & 0xC0) != 0x80)
            ++*col;
    }
}

static void cy_parser_error(const yaml_parser_t *p, const char *text,
                            size_t len, struct ctx_error *err)
{
    const char *what = p->problem ? p->problem : "syntax error";
    if (p->error == YAML_READER_ERROR) {
        /* Reader errors (bad encoding) have a byte offset, no mark. */
        cy_offset_pos(text, len, p->problem_offset, &err->line, &err->col);
        snprintf(err->msg, sizeof err->msg, _("malformed YAML: %s"), what);
        return;
    }
    err->line = (int)p->problem_mark.line + 1;
    err->col = (int)p->problem_mark.column + 1;
    if (p->context)
        snprintf(err->msg, sizeof err->msg, _("malformed YAML: %s (%s)"), what,
                 p->context);
    else
        snprintf(err->msg, sizeof err->msg, _("malformed YAML: %s"), what);
}

static int cy_parse(struct ctx_data *cx, const char *text, size_t len,
                    struct arena *a, struct ctx_error *err)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    int rc = 0;
    int g = score_yaml_guard(text, len, &err->line, &err->col);
    if (g != SCORE_YAML_OK) { /* an alias bomb or 100k brackets: yaml-guard.c */
        if (g == SCORE_YAML_ALIAS)
            snprintf(err->msg, sizeof err->msg, "%s",
                     _("aliases are not allowed in a context (write the text out)"));
        else if (g == SCORE_YAML_UTF16)
            snprintf(err->msg, sizeof err->msg, "%s",
                     _("the file is UTF-16: a context must be UTF-8 text"));
        else
            snprintf(err->msg, sizeof err->msg, _("nested deeper than %d levels"),
                     SCORE_YAML_MAX_DEPTH);
        return UTIL_EX_DATAERR;
    }
    if (!yaml_parser_initialize(&parser))
        util_die(UTIL_EX_SOFTWARE, _("cannot initialise the YAML parser"));
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &doc)) {
        cy_parser_error(&parser, text, len, err);
        yaml_parser_delete(&parser);
        return UTIL_EX_DATAERR;
    }
    const yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (root) {
        struct ctx_source src = {cy_each, &doc, 0};
        struct ctx_value v;
        cy_view(root, &v);
        if (ctx_apply(cx, &src, &v, a, err) != 0)
            rc = UTIL_EX_DATAERR;
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return rc;
}

int ctx_apply_yaml_node(struct ctx_data *cx, void *doc, const void *node, struct arena *a,
                        struct ctx_error *err)
{
    struct ctx_source src = {cy_each, doc, 0};
    struct ctx_value v;
    memset(err, 0, sizeof *err);
    cy_view(node, &v);
    return ctx_apply(cx, &src, &v, a, err);
}

int ctx_load_yaml_file(struct ctx_data *cx, const char *path, struct arena *a,
                       struct ctx_error *err)
{
    memset(err, 0, sizeof *err);
    size_t len;
    int more, opened;
    char *text = util_read_file(path, CTX_YAML_MAX, &len, &more, &opened);
    if (!text) {
        snprintf(err->msg, sizeof err->msg, "%s", strerror(errno));
        return opened ? UTIL_EX_IOERR : UTIL_EX_NOINPUT;
    }
    int rc;
    if (more) {
        snprintf(err->msg, sizeof err->msg,
                 _("context file is larger than %u MB"), CTX_YAML_MAX >> 20);
        rc = UTIL_EX_DATAERR;
    } else {
        rc = cy_parse(cx, text, len, a, err);
    }
    free(text);
    return rc;
}
