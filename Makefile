# Makefile - the one build file of hamdel.
#
# `make` builds build/hamdel; `make run`, `make test`, `make bench`,
# `make asan`, `make install` are the entry points (see README.md).
# Libraries come from the system through pkg-config; a missing one is
# installed by `make deps` (mk/deps.sh), which every build runs first.
# pkg-config is asked at recipe time (recursive `=` variables), so a build
# on a fresh machine sees the libraries that `deps` has just installed.

CC      ?= cc
BUILD   ?= build
PREFIX  ?= /usr/local
DESTDIR ?=
CFLAGS  ?= -O2 -g
LDFLAGS ?=

PKGS      = yaml-0.1 libutf8proc jansson readline
TEST_PKGS = cmocka
WARN = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wpointer-arith -Wcast-qual -Wwrite-strings \
       -Wformat=2 -Wvla -Wundef -Wold-style-definition -Wimplicit-fallthrough
DEFS = -D_POSIX_C_SOURCE=200809L -DHAMDEL_DATADIR='"$(PREFIX)/share/hamdel"'
ALL_CFLAGS = $(WARN) $(DEFS) -Iscoring -Isim -I$(BUILD)/gen $(CFLAGS) \
             $(shell pkg-config --cflags $(PKGS))
LIBS       = $(shell pkg-config --libs $(PKGS)) -lm
TEST_LIBS  = $(shell pkg-config --libs $(TEST_PKGS)) -pthread
TEST_CFLAGS = $(shell pkg-config --cflags $(TEST_PKGS))

SCORING_SRC = $(wildcard scoring/*.c)
SIM_SRC     = $(wildcard sim/*.c)
RUBRICS     = scoring/rubric/en.yaml scoring/rubric/fa.yaml
UNIT_SRC    = $(wildcard tests/unit/test_*.c)

SCORING_OBJ = $(SCORING_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/rubric_data.o
SIM_OBJ     = $(SIM_SRC:%.c=$(BUILD)/%.o)
SIMLIB_OBJ  = $(filter-out $(BUILD)/sim/main.o,$(SIM_OBJ))
UNIT_BIN    = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
DEPS_STAMP  = build/.deps-ok

.PHONY: all deps run test unit-test cli-test bench asan valgrind install uninstall clean
all: $(BUILD)/hamdel

deps: $(DEPS_STAMP)
$(DEPS_STAMP): mk/deps.sh
	@sh mk/deps.sh $(PKGS) $(TEST_PKGS)
	@mkdir -p $(@D) && touch $@

$(BUILD)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $< -o $@

$(BUILD)/gen/rubric_data.c: $(RUBRICS) $(BUILD)/tools/embed
	@mkdir -p $(@D)
	$(BUILD)/tools/embed $@ sc_builtin_en=scoring/rubric/en.yaml sc_builtin_fa=scoring/rubric/fa.yaml

$(BUILD)/gen/rubric_data.o: $(BUILD)/gen/rubric_data.c
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libscore.a: $(SCORING_OBJ)
	@rm -f $@
	ar rcs $@ $^

# The program's pieces other than main(), for tests that reuse them (the one
# context schema, for instance).
$(BUILD)/libsim.a: $(SIMLIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/hamdel: $(SIM_OBJ) $(BUILD)/libscore.a
	$(CC) $(CFLAGS) $(LDFLAGS) $(SIM_OBJ) $(BUILD)/libscore.a $(LIBS) -o $@

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(BUILD)/libsim.a $(BUILD)/libscore.a | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -Itests/unit $< $(BUILD)/libsim.a $(BUILD)/libscore.a $(LDFLAGS) $(LIBS) $(TEST_LIBS) -o $@

run: $(BUILD)/hamdel
	@$(BUILD)/hamdel

# Every test: the cmocka unit tests (they walk the data under tests/) and
# the command-line cases, then one closing "N passed, N failed" line.
test: $(BUILD)/hamdel $(UNIT_BIN)
	@sh tests/run-all.sh $(BUILD)

bench: $(BUILD)/hamdel
	@sh bench/run.sh $(BUILD)

asan:
	@$(MAKE) --no-print-directory BUILD=build/asan \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  LDFLAGS="-fsanitize=address,undefined" test

valgrind: $(BUILD)/hamdel $(UNIT_BIN)
	@HAMDEL_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite" \
	  sh tests/run-all.sh $(BUILD)

install: $(BUILD)/hamdel
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/hamdel/rubric
	install -m 755 $(BUILD)/hamdel $(DESTDIR)$(PREFIX)/bin/hamdel
	install -m 644 $(RUBRICS) $(DESTDIR)$(PREFIX)/share/hamdel/rubric/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/hamdel
	rm -rf $(DESTDIR)$(PREFIX)/share/hamdel

clean:
	rm -rf $(BUILD) build/asan

-include $(SCORING_OBJ:.o=.d) $(SIM_OBJ:.o=.d)
