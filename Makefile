# Matchday — make run builds and starts the app; make test runs every check.
# Both install the Debian/Ubuntu packages they need when missing.

GO        ?= go
BIN       := bin/matchday
DATA      ?=
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev
TEST_PKGS  := xvfb xdotool x11-xserver-utils x11-xkb-utils dbus dbus-x11 sqlite3 imagemagick syncthing
FUZZTIME  ?= 10s
export CGO_ENABLED := 1

.PHONY: run build test vet unit fuzz e2e bench deps deps-build deps-test clean

run: deps-build build
	./$(BIN) $(if $(DATA),--db $(DATA))

build: deps-build
	$(GO) build -o $(BIN) .

test: deps-build deps-test vet unit fuzz

vet:
	$(GO) vet ./...

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
	  echo "Not a Debian/Ubuntu system: install the equivalents of $(PKGS) (a C compiler, OpenGL and X11 headers; Xvfb, xdotool, D-Bus, sqlite3, ImageMagick and Syncthing for the tests)."; \
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
	rm -rf bin test-artifacts
