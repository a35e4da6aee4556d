/*
 * testutil.h - what every cmocka test of hamdel includes.
 *
 * cmocka needs <stdarg.h>, <stddef.h>, <stdint.h> and <setjmp.h> before its
 * own header; this file gets the order right once, and adds small helpers
 * shared by the unit tests.
 */
#ifndef HAMDEL_TESTUTIL_H
#define HAMDEL_TESTUTIL_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "score.h"

/* The directory holding the test data (tests/), relative to the repo root,
 * which is where `make test` runs. */
#ifndef TEST_DATA_DIR
#define TEST_DATA_DIR "tests"
#endif

#endif
