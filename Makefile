# deckpress: `make` sets up, builds and renders every deck; `make test` runs every test.
# Both first install any missing Debian packages (scripts/setup.sh, a no-op when all is present).

PKGS     = yaml-0.1 fontconfig freetype2 harfbuzz harfbuzz-subset libunibreak fribidi libpng libqrencode libdeflate md4c icu-uc
CC      ?= cc
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
CFLAGS  += -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Wshadow -MMD -MP -pthread
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# --version names md4c's version (it has no version call or macro of its own)
PKG_CFLAGS += -DDP_MD4C_VERSION='"$(shell pkg-config --modversion md4c 2>/dev/null)"'
# code blocks are highlighted by GNU Source-highlight (C++): src/*/*.cc. The
# C++ compiler matches CC (clang++ beside clang, so the sanitizer runtimes
# agree), and programs are linked with it (C++ runtime, C++ sanitizer parts).
ifeq ($(origin CXX),default)
CXX      = $(if $(findstring clang,$(CC)),clang++,g++)
endif
CXXFLAGS ?= $(OPT) -g
CXXFLAGS += -std=c++17 -Wall -Wextra -MMD -MP -pthread
SRCHL_LIBS = $(shell pkg-config --libs source-highlight 2>/dev/null)
LDLIBS  += $(PKG_LIBS) $(SRCHL_LIBS) -lhpdf -lm -pthread

BUILD   ?= build
# One folder of src/ per stage (src/*/README.md says what each takes, gives
# and must not know). File names are unique across folders: objects stay flat
# in $(BUILD)/ (one rule each, below), and every folder is on the include
# path, so a file includes "x.h" wherever x.h lives.
SRC_DIRS = $(sort $(dir $(wildcard src/*/*.c src/*/*.h src/*/*.cc)))
ifneq ($(wildcard src/*.c src/*.h src/*.cc),)
$(error $(wildcard src/*.c src/*.h src/*.cc): move into the folder of its stage (src/*/README.md; git mv, then the #include lines stay as they are))
endif
SRC_INC  = $(patsubst %/,-I%,$(SRC_DIRS))
PKG_CFLAGS += $(SRC_INC)
SRC      = $(wildcard src/*/*.c)
CXX_SRC  = $(wildcard src/*/*.cc)
LIB_SRC  = $(filter-out src/cli/main.c,$(SRC))
OBJ      = $(patsubst %.c,$(BUILD)/%.o,$(notdir $(SRC))) $(patsubst %.cc,$(BUILD)/%.o,$(notdir $(CXX_SRC)))
LIB_OBJ  = $(patsubst %.c,$(BUILD)/%.o,$(notdir $(LIB_SRC))) $(patsubst %.cc,$(BUILD)/%.o,$(notdir $(CXX_SRC)))
DECKS    = $(wildcard decks/*.yaml)
SLIDES   = $(patsubst decks/%.yaml,out/%.slides.pdf,$(DECKS))
HANDOUTS = $(patsubst decks/%.yaml,out/%.handout.pdf,$(DECKS))
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))

.PHONY: all setup setup-test test unit docs clean lint lint-cycles cycles-known bench golden
.DELETE_ON_ERROR:

all: $(BUILD)/deckpress $(SLIDES) $(HANDOUTS)

# Runs every time (cheap); order-only, so it never forces a rebuild by itself.
setup:
	@sh scripts/setup.sh build
setup-test:
	@sh scripts/setup.sh test

$(BUILD)/deckpress: $(OBJ) | setup
	$(CXX) $(LDFLAGS) -o $@ $(OBJ) $(LDLIBS)

# One rule per object, naming its source where it is now, so $< is always
# that source: never an older path that a dependency file written before a
# move names (a search path would take such a path, as it is mentioned as a
# prerequisite). Those old paths are no error: the empty rule makes them
# count as changed, the object is compiled again, its new .d replaces the
# stale one.
define compile_rule
$(BUILD)/$(basename $(notdir $(1))).o: $(1) | setup
	@mkdir -p $$(@D)
	$(if $(filter %.cc,$(1)),$$(CXX) $$(CXXFLAGS) $$(SRC_INC) $$(shell pkg-config --cflags source-highlight 2>/dev/null),$$(CC) $$(CFLAGS) $$(PKG_CFLAGS)) -c -o $$@ $$<
endef
$(foreach s,$(SRC) $(CXX_SRC),$(eval $(call compile_rule,$(s))))
src/%.c src/%.cc: ;

# deckpress writes a make dependency file (deck, template, fonts) next to each output,
# so a change to any of them rebuilds exactly that deck.
# One run writes both (a grouped pattern rule): slides and the deck's handout.
out/%.slides.pdf out/%.handout.pdf: decks/%.yaml $(BUILD)/deckpress
	@mkdir -p out
	$(BUILD)/deckpress build $< -o out --depfile out/$*.d

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ) | setup-test
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS) -lstdc++ -lcmocka

# tests/unit/test_layout.c: layout, booklet and imposition on stub font
# metrics; the font calls layout makes go to the test's __wrap_ functions.
STUB_FONT_CALLS = dp_fonts_resolve dp_face_has dp_face_advance dp_face_ink dp_face_bold dp_face_is_bold
$(BUILD)/tests/test_layout: LDLIBS += $(foreach f,$(STUB_FONT_CALLS),-Wl,--wrap=$(f))

unit: $(UNIT_BIN)

test: setup-test $(BUILD)/deckpress $(UNIT_BIN)
	@BUILD=$(BUILD) sh tests/run.sh

# PNGs of real output for the README.
docs: out/llm-founders-meetup.slides.pdf
	sh scripts/docs-images.sh

# Rewrite the layout goldens (tests/layout/*.dlist) from the current engine.
golden: $(BUILD)/deckpress
	DP_GOLDEN=1 BUILD=$(BUILD) sh tests/layout/run.sh

# tests/e2e/lint.sh runs this from `make test` (and checks it catches each violation).
lint:
	@test -z "$$(grep -l '#include <hpdf' src/*/*.[ch] | grep -v '^src/pdf/')" || { echo "lint: only the PDF writer (src/pdf/) may include libharu's headers"; exit 1; }
	@test -z "$$(grep -l '#include <hpdf' src/pdf/pdf_content.[ch])" || { echo "lint: src/pdf/pdf_content.* builds content streams without libharu"; exit 1; }
	@test "$$(grep -l '#include <yaml.h>' src/*/*.[ch])" = "src/load/yaml_load.c" || { echo "lint: only src/load/yaml_load.c may include <yaml.h>"; exit 1; }
	@test -z "$$(grep -l '#include <md4c' src/*/*.[ch] | grep -v -x -e src/load/markup.c -e src/cli/import.c -e src/cli/version.c)" || { echo "lint: Markdown is parsed in src/load/markup.c (and an article's outline in src/cli/import.c); no other file may include <md4c.h>"; exit 1; }
	@$(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST)) lint-cycles

# No include or call cycle between the files of src/ (scripts/cycles.py
# over `cc -MM` and the objects' symbols; scripts/cycles.known lists any the
# tree still has), and every stage folder uses only the folders
# scripts/stages allows it, only src/cli/ prints, every exported name takes
# the dp_ prefix (scripts/stages.py). `make cycles-known` rewrites that list (only
# ever to remove cycles that are gone).
lint-cycles: $(OBJ) | setup-test
	@python3 scripts/cycles.py --known scripts/cycles.known --cc '$(CC)' \
		--cflags '$(PKG_CFLAGS)' --obj $(OBJ) -- $(SRC)
	@python3 scripts/stages.py --rules scripts/stages --cc '$(CC)' \
		--cflags '$(PKG_CFLAGS)' --obj $(OBJ) -- $(SRC)
cycles-known: $(OBJ) | setup-test
	python3 scripts/cycles.py --write --known scripts/cycles.known --cc '$(CC)' \
		--cflags '$(PKG_CFLAGS)' --obj $(OBJ) -- $(SRC)

# ---- make install [PREFIX=/usr/local] [DESTDIR=]: the binary, its templates,
# fonts/ folder and JSON Schemas (PREFIX/share/deckpress), the man page and the
# bash completion.
# make uninstall removes exactly those files. The binary finds its data in
# BIN/../share/deckpress (so a DESTDIR copy works too), then in DATADIR.
VERSION     = 0.1.0
PREFIX     ?= /usr/local
BINDIR      = $(PREFIX)/bin
DATADIR     = $(PREFIX)/share/deckpress
MANDIR      = $(PREFIX)/share/man/man1
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
INSTALL    ?= install
TEMPLATE_FILES = $(wildcard templates/*.yaml templates/*.lang)
FONT_FILES     = $(wildcard fonts/README* fonts/*.ttf fonts/*.ttc fonts/*.TTF fonts/*.TTC)
SCHEMA_FILES   = docs/deck.schema.json docs/template.schema.json

# VERSION and DATADIR are compiled in; a stamp changes (and rebuilds the
# objects that use it) only when its value does. DATADIR as the plain build
# has it (the default PREFIX); `make install` compiles project.c once more for
# its own PREFIX into $(BUILD)/install/ and links its binary there, so
# installing with another PREFIX leaves the plain build as it was: the next
# `make` rebuilds nothing.
$(BUILD)/config.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@
$(BUILD)/version.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(VERSION)' | cmp -s - $@ || echo '$(VERSION)' >$@
$(BUILD)/project.o: $(BUILD)/config.stamp
$(BUILD)/version.o: $(BUILD)/version.stamp
$(BUILD)/project.o: CFLAGS += -DDP_DATADIR='"$(DATADIR)"'
$(BUILD)/version.o: CFLAGS += -DDP_VERSION='"$(VERSION)"'

INSTALL_BUILD = $(BUILD)/install
$(INSTALL_BUILD)/config.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@
$(INSTALL_BUILD)/project.o: src/project/project.c $(INSTALL_BUILD)/config.stamp | setup
	$(CC) $(CFLAGS) -DDP_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS) -c -o $@ $<
$(INSTALL_BUILD)/deckpress: $(filter-out $(BUILD)/project.o,$(OBJ)) $(INSTALL_BUILD)/project.o
	$(CXX) $(LDFLAGS) -o $@ $^ $(LDLIBS)

install: $(INSTALL_BUILD)/deckpress
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/fonts \
		$(DESTDIR)$(MANDIR) $(DESTDIR)$(BASHCOMPDIR)
	$(INSTALL) -m 755 $(INSTALL_BUILD)/deckpress $(DESTDIR)$(BINDIR)/deckpress
	$(INSTALL) -m 644 $(TEMPLATE_FILES) $(DESTDIR)$(DATADIR)/templates/
	$(if $(FONT_FILES),$(INSTALL) -m 644 $(FONT_FILES) $(DESTDIR)$(DATADIR)/fonts/)
	$(INSTALL) -m 644 $(SCHEMA_FILES) $(DESTDIR)$(DATADIR)/
	$(INSTALL) -m 644 deckpress.1 $(DESTDIR)$(MANDIR)/deckpress.1
	$(INSTALL) -m 644 completions/deckpress.bash $(DESTDIR)$(BASHCOMPDIR)/deckpress

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/deckpress $(DESTDIR)$(MANDIR)/deckpress.1 \
		$(DESTDIR)$(BASHCOMPDIR)/deckpress \
		$(addprefix $(DESTDIR)$(DATADIR)/templates/,$(notdir $(TEMPLATE_FILES))) \
		$(addprefix $(DESTDIR)$(DATADIR)/fonts/,$(notdir $(FONT_FILES))) \
		$(addprefix $(DESTDIR)$(DATADIR)/,$(notdir $(SCHEMA_FILES)))
	rmdir $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/fonts $(DESTDIR)$(DATADIR) 2>/dev/null || true

.PHONY: install uninstall FORCE
FORCE:

clean:
	rm -rf $(BUILD) build-asan build-fuzz build-clang out

# ---- Benchmarks, fuzzing, sanitizers (bench/, tests/fuzz/, tests/e2e/sanitizers.sh)
# make bench: times and peak memory of real and generated decks -> bench/RESULTS.md.
bench: $(BUILD)/deckpress
	@sh scripts/setup.sh bench
	BUILD=$(BUILD) sh bench/run.sh

# make asan: build deckpress, the unit tests and the fuzz replayers with
# AddressSanitizer + UndefinedBehaviorSanitizer in build-asan/ (asan-build),
# then run the tests under them. make test runs the same script.
ASAN_BUILD = build-asan
ASAN_OPT   = -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
asan:
	@sh tests/e2e/sanitizers.sh
asan-build:
	@$(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) OPT="$(ASAN_OPT)" \
		LDFLAGS="-fsanitize=address,undefined" $(ASAN_BUILD)/deckpress unit replay

# A fuzz target with a plain main() (tests/fuzz/replay.c): replays inputs with any compiler.
replay: $(BUILD)/replay_deck $(BUILD)/replay_text $(BUILD)/replay_cache
$(BUILD)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz_common.h $(LIB_OBJ) | setup
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -DDP_FUZZ_ROOT='"$(CURDIR)"' -o $@ $< tests/fuzz/replay.c $(LIB_OBJ) $(LDLIBS) -lstdc++

# make fuzz [FUZZ_SECONDS=60]: libFuzzer (clang) on the deck loader and the
# text engine, FUZZ_SECONDS each; crashes land in build-fuzz/crashes/.
FUZZ_SECONDS ?= 60
FUZZ_BUILD    = build-fuzz
FUZZ_OPT      = -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
fuzz:
	@sh scripts/setup.sh fuzz
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang OPT="$(FUZZ_OPT)" fuzzers
	FUZZ_SECONDS=$(FUZZ_SECONDS) BUILD=$(FUZZ_BUILD) sh tests/fuzz/run.sh
fuzzers: $(BUILD)/fuzz_deck $(BUILD)/fuzz_text $(BUILD)/fuzz_cache
$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(LIB_OBJ) | setup
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -DDP_FUZZ_ROOT='"$(CURDIR)"' -fsanitize=fuzzer -o $@ $< $(LIB_OBJ) $(LDLIBS) -lstdc++

.PHONY: asan asan-build replay fuzz fuzzers

-include $(OBJ:.o=.d) $(wildcard $(INSTALL_BUILD)/project.d) $(wildcard out/*.d)
