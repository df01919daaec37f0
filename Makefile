# scout — build, test, benchmark.
#
#   make            build ./scout (release, -O2)
#   make test       unit + end-to-end tests, then the same again under ASan+UBSan
#   make demo       generate the demo world, ingest and build it, print a summary
#   make bench      scout vs the peer baselines on the real corpus (see bench/)
#   make install    PREFIX=/usr/local
#
# Warnings are errors. Objects go to $(BUILD) (build/release, build/asan).

PREFIX ?= /usr/local
BUILD ?= build/release
CC ?= cc
PKGS := zlib libzstd expat libutf8proc libxxhash sqlite3
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter -Wstrict-prototypes -Wvla
OPT ?= -O2 -g
ifeq ($(SAN),1)
  BUILD := build/asan
  OPT := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
endif
CFLAGS_ALL := -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) -Iinclude -Isrc $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL := $(OPT) $(LDFLAGS)
LIBS := $(PKG_LIBS) -lpthread -lm

LIB_SRC := $(sort $(wildcard src/*.c src/*/*.c))
LIB_SRC := $(filter-out src/cli/%,$(LIB_SRC))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRC := $(sort $(wildcard bench/*.c))
TOOL_BIN := $(TOOL_SRC:bench/%.c=$(BUILD)/bench/%)

.PHONY: all test test-release test-asan unit e2e demo bench install clean format compile_commands

all: scout

scout: $(BUILD)/scout
	@if [ "$(BUILD)" = build/release ]; then cp $(BUILD)/scout scout; fi

$(BUILD)/scout: $(CLI_OBJ) $(BUILD)/libscout.a
	$(CC) $(LDFLAGS_ALL) -o $@ $(CLI_OBJ) $(BUILD)/libscout.a $(LIBS)

$(BUILD)/libscout.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libscout.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libscout.a $(LIBS) -lcmocka

$(BUILD)/bench/%: bench/%.c $(BUILD)/libscout.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libscout.a $(LIBS) $(shell pkg-config --libs jansson 2>/dev/null)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

# One pass of the suite for one build flavour: unit tests (cmocka), then the
# end-to-end scripts against that build's binary.
unit: $(UNIT_BIN) $(BUILD)/scout
	@sh tests/run-unit.sh $(BUILD) $(UNIT_BIN)

e2e: $(BUILD)/scout
	@sh tests/run-e2e.sh $(BUILD)/scout

test-release:
	@$(MAKE) --no-print-directory scout
	@$(MAKE) --no-print-directory unit e2e
test-asan:
	@$(MAKE) --no-print-directory SAN=1 unit e2e

test:
	@sh tests/run-all.sh

demo: scout
	./scout demo --out demo-world

bench: scout $(TOOL_BIN)
	@sh bench/run.sh

install: scout
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/share/scout
	install -m 755 scout $(DESTDIR)$(PREFIX)/bin/scout
	install -m 644 data/orgs.tsv $(DESTDIR)$(PREFIX)/share/scout/orgs.tsv
	install -m 644 include/scout.h $(DESTDIR)$(PREFIX)/include/scout.h
	install -m 644 $(BUILD)/libscout.a $(DESTDIR)$(PREFIX)/lib/libscout.a

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) $(UNIT_SRC) include/scout.h src/*/*.h

compile_commands:
	$(MAKE) clean && bear -- $(MAKE) scout $(UNIT_BIN)

clean:
	rm -rf build scout
