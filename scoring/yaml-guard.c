/*
 * yaml-guard.c - a first pass over a YAML text that refuses what would
 * make libyaml's document loader (yaml_parser_load) a weapon: aliases and
 * deep nesting. Used before loading a rubric (rubric.c) and, through
 * score.h, a --context file (sim/context-yaml.c).
 *
 * Why: the loader keeps an alias as a second reference to the anchored
 * node, and every walker of the document then visits that node once per
 * reference, so a file of a few lines ("billion laughs") or a long scalar
 * aliased a hundred thousand times costs gigabytes; and libyaml's scanner
 * does work proportional to the flow depth for every token, so 100,000
 * opening brackets take minutes. The event API here stops at the first
 * alias or at depth SCORE_YAML_MAX_DEPTH, before either cost is paid.
 */
#include "score.h"

#include <yaml.h>

int score_yaml_guard(const char *text, size_t len, int *line, int *col)
{
    yaml_parser_t p;
    yaml_event_t e;
    int depth = 0, rc = SCORE_YAML_OK, done = 0;
    *line = *col = 0;
    if (len >= 2 && (((unsigned char)text[0] == 0xFF && (unsigned char)text[1] == 0xFE) ||
                     ((unsigned char)text[0] == 0xFE && (unsigned char)text[1] == 0xFF))) {
        *line = *col = 1;
        return SCORE_YAML_UTF16; /* libyaml would read it; nothing else would */
    }
    if (!yaml_parser_initialize(&p))
        return SCORE_YAML_OK; /* the loader will fail the same way */
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    while (!done && rc == SCORE_YAML_OK) {
        if (!yaml_parser_parse(&p, &e))
            break; /* a syntax error: the loader reports it */
        switch (e.type) {
        case YAML_ALIAS_EVENT: rc = SCORE_YAML_ALIAS; break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (++depth > SCORE_YAML_MAX_DEPTH) rc = SCORE_YAML_DEEP;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: depth--; break;
        case YAML_STREAM_END_EVENT: done = 1; break;
        default: break;
        }
        if (rc != SCORE_YAML_OK) {
            *line = (int)e.start_mark.line + 1;
            *col = (int)e.start_mark.column + 1;
        }
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&p);
    return rc;
}
