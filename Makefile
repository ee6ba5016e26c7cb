# Matchday — make run builds and starts the app; make test runs every check.
# Both install the Debian/Ubuntu packages they need when missing.
# make install / make uninstall (PREFIX, DESTDIR) put it in the application
# menu; make dist writes a release tarball.

GO        ?= go
BIN       := bin/matchday
DATA      ?=
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev
TEST_PKGS  := xvfb xdotool x11-xserver-utils x11-xkb-utils dbus dbus-x11 sqlite3 imagemagick syncthing desktop-file-utils appstream python3
FUZZTIME  ?= 10s
PREFIX    ?= /usr/local
DESTDIR   ?=
export CGO_ENABLED := 1

# The version `matchday version` prints: see packaging/version. Worked out
# once per make run; VERSION=… on the command line overrides it.
ifeq ($(origin VERSION),undefined)
VERSION   := $(shell packaging/version)
endif
LDFLAGS    = -X matchday/app/version.Version=$(VERSION)
APP_ID    := app.matchday.Matchday
DIST_NAME  = matchday-$(VERSION)-linux-$(GOARCH)
GOARCH    ?= $(shell $(GO) env GOARCH)

.PHONY: run build test vet validate unit fuzz e2e bench deps deps-build deps-test clean install uninstall dist flatpak

run: deps-build build
	./$(BIN) $(if $(DATA),--db $(DATA))

build: deps-build
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) .

# install takes bin/matchday as it is when it is newer than the sources, so
# `make && sudo make install` does not build again as root.
$(BIN): $(shell find . -name '*.go' -not -path './vendor/*' -not -path './dist/*') go.mod go.sum $(wildcard assets/translations/*.json) assets/icon.png
	$(MAKE) --no-print-directory build

install: $(BIN)
	$(MAKE) --no-print-directory -f packaging/install.mk install BINARY=$(BIN) ASSETS=assets PREFIX='$(PREFIX)' DESTDIR='$(DESTDIR)'

uninstall:
	$(MAKE) --no-print-directory -f packaging/install.mk uninstall PREFIX='$(PREFIX)' DESTDIR='$(DESTDIR)'

# A release tarball, dist/matchday-VERSION-linux-ARCH.tar.xz: the binary
# (-trimpath, stripped, version stamped), the desktop entry, metainfo and
# icons, and a Makefile whose install and uninstall are this one's.
dist: deps-build
	rm -rf dist/$(DIST_NAME) dist/$(DIST_NAME).tar.xz
	mkdir -p dist/$(DIST_NAME)/assets/icons
	$(GO) build -trimpath -ldflags '-s -w $(LDFLAGS)' -o dist/$(DIST_NAME)/matchday .
	cp assets/$(APP_ID).desktop assets/$(APP_ID).metainfo.xml assets/icon.svg dist/$(DIST_NAME)/assets/
	cp assets/icons/*.png dist/$(DIST_NAME)/assets/icons/
	cp packaging/install.mk dist/$(DIST_NAME)/Makefile
	tar -C dist --owner=0 --group=0 --sort=name -cJf dist/$(DIST_NAME).tar.xz $(DIST_NAME)
	rm -rf dist/$(DIST_NAME)
	@echo "dist/$(DIST_NAME).tar.xz"

# The Flatpak, built and installed for the user. The build runs offline, so
# the Go modules are vendored into build-flatpak/ first (never into the
# checkout, where a stale vendor/ would change every other build). Needs
# flatpak-builder and the runtimes named in the manifest (from Flathub).
flatpak:
	rm -rf build-flatpak/vendor
	$(GO) mod vendor -o build-flatpak/vendor
	echo '$(VERSION)' > build-flatpak/version
	flatpak-builder --user --install --force-clean build-flatpak/app packaging/flatpak/$(APP_ID).yml

test: deps-build deps-test vet validate unit fuzz

vet:
	$(GO) vet ./...

# The desktop entry and the AppStream metainfo as installed (into a staging
# folder), checked by the freedesktop tools; any error fails.
validate: $(BIN)
	@set -e; stage=$$(mktemp -d); trap 'rm -rf "$$stage"' EXIT; \
	$(MAKE) --no-print-directory -f packaging/install.mk install BINARY=$(BIN) DESTDIR="$$stage" PREFIX=/usr >/dev/null; \
	desktop-file-validate "$$stage/usr/share/applications/$(APP_ID).desktop"; \
	appstreamcli validate --no-net "$$stage/usr/share/metainfo/$(APP_ID).metainfo.xml"; \
	appstreamcli validate-tree --no-net "$$stage"

# Unit, UI (fyne/test) and end-to-end tests (real binary under Xvfb and
# dbus-run-session, started by the tests themselves).
unit:
	$(GO) test -race -count=1 ./...

# Every fuzz target for a short, fixed time; a new input is minimized for at
# most 2 s, so the time goes to fuzzing (the default minimizes up to 60 s).
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$f ($(FUZZTIME))"; \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 2s $$pkg; \
	  done; \
	done

# Store benchmarks on generated ten-year journals, then startup, memory and
# idle CPU of the real binary under Xvfb; prints every goal's figure.
bench: deps-build deps-test
	.ci/bench

deps: deps-build deps-test

deps-build:
	@$(MAKE) --no-print-directory install-pkgs PKGS="$(BUILD_PKGS)"

deps-test:
	@$(MAKE) --no-print-directory install-pkgs PKGS="$(TEST_PKGS)"

# install-pkgs installs the Debian packages in PKGS that are not installed yet:
# with apt-get as root, with sudo otherwise. Elsewhere it says what is needed.
.PHONY: install-pkgs
install-pkgs:
	@missing=""; \
	if ! command -v dpkg-query >/dev/null 2>&1; then \
	  echo "Not a Debian/Ubuntu system: install the equivalents of $(PKGS) (a C compiler, OpenGL and X11 headers; Xvfb, xdotool, D-Bus, sqlite3, ImageMagick, Syncthing, desktop-file-utils, AppStream and Python 3 for the tests)."; \
	  exit 0; \
	fi; \
	for p in $(PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

clean:
	rm -rf bin dist build-flatpak .flatpak-builder test-artifacts
