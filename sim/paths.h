/*
 * paths.h - where hamdel keeps its files (XDG base directories).
 *
 * The data dir holds what a trainee would want to keep (session
 * transcripts under sessions/); the state dir holds what hamdel itself
 * remembers between runs (history, progress). $HAMDEL_HOME, when set, puts
 * both under one folder (tests, portable installs); otherwise the XDG
 * variables are honoured, with the spec's ~/.local defaults. Directories
 * are created on first use with mode 0700: transcripts are a person's work.
 */
#ifndef HAMDEL_PATHS_H
#define HAMDEL_PATHS_H

#include <stddef.h>

/* Each function fills `buf` (size n) and returns 0, or returns -1 with a
 * sentence for the user in `err` (no "hamdel:" prefix). Nothing is created
 * by the *_dir functions. */
int paths_data_dir(char *buf, size_t n, char *err, size_t errlen);
int paths_state_dir(char *buf, size_t n, char *err, size_t errlen);

/* Create `path` and its missing parents (mode 0700), like mkdir -p. */
int paths_mkdirs(const char *path, char *err, size_t errlen);

/* The data dir's `sub` folder (e.g. "sessions"), created if missing. */
int paths_data_sub(const char *sub, char *buf, size_t n, char *err, size_t errlen);

#endif
