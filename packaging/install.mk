# Installs Matchday as a desktop application, and uninstalls it:
#
#   make install                      below /usr/local (as root)
#   make install PREFIX=~/.local      for one user, no root
#   make install DESTDIR=/tmp/pkg PREFIX=/usr   staged, for a package
#   make uninstall                    with the same PREFIX and DESTDIR
#
# The repository's Makefile runs this file with BINARY=bin/matchday and
# ASSETS=assets; in a release tarball (make dist) it is the Makefile, next to
# the binary and the assets folder.

PREFIX  ?= /usr/local
DESTDIR ?=
BINARY  ?= matchday
ASSETS  ?= assets

APP_ID     := app.matchday.Matchday
ICON_SIZES := 16 22 24 32 48 64 128 256 512

# PREFIX=~/.local works from any shell (dash leaves the ~ to make), and a
# trailing slash does not hide PREFIX from uninstall's folder clean-up.
prefix  := $(patsubst %/,%,$(patsubst ~/%,$(HOME)/%,$(PREFIX)))
destdir := $(patsubst %/,%,$(DESTDIR))
root    := $(destdir)$(prefix)
# uninstall removes the folders it empties up to here: PREFIX itself stays,
# but a staging folder (DESTDIR) is left as empty as it was.
top     := $(if $(destdir),$(destdir),$(root))
bindir  := $(prefix)/bin
icondir := $(root)/share/icons/hicolor

# Every file installed, below PREFIX; uninstall removes exactly these, then
# the folders they leave empty below PREFIX (or DESTDIR), the icons last, so
# hicolor/ and share/ go when nothing else is in them.
FILES := bin/matchday \
  share/applications/$(APP_ID).desktop \
  share/metainfo/$(APP_ID).metainfo.xml \
  share/icons/hicolor/scalable/apps/$(APP_ID).svg \
  $(foreach s,$(ICON_SIZES),share/icons/hicolor/$(s)x$(s)/apps/$(APP_ID).png)

.PHONY: install uninstall

# The launcher runs the installed binary by its full path, so a PREFIX whose
# bin/ is not on PATH (~/.local) works too.

install:
	install -Dm755 $(BINARY) $(root)/bin/matchday
	install -d $(root)/share/applications
	sed 's|^Exec=matchday|Exec=$(bindir)/matchday|' $(ASSETS)/$(APP_ID).desktop > $(root)/share/applications/$(APP_ID).desktop
	chmod 644 $(root)/share/applications/$(APP_ID).desktop
	install -Dm644 $(ASSETS)/$(APP_ID).metainfo.xml $(root)/share/metainfo/$(APP_ID).metainfo.xml
	install -Dm644 $(ASSETS)/icon.svg $(root)/share/icons/hicolor/scalable/apps/$(APP_ID).svg
	for s in $(ICON_SIZES); do \
	  install -Dm644 $(ASSETS)/icons/$$s.png $(root)/share/icons/hicolor/$${s}x$${s}/apps/$(APP_ID).png || exit 1; \
	done
	@$(refresh_icons)

uninstall:
	rm -f $(addprefix $(root)/,$(FILES))
	@for f in $(FILES); do \
	  d=$$(dirname "$(root)/$$f"); \
	  while [ "$$d" != "$(top)" ] && rmdir "$$d" 2>/dev/null; do d=$$(dirname "$$d"); done; \
	done
	@$(refresh_icons)

# A desktop that keeps an icon cache for hicolor sees new icons only once the
# cache is rebuilt; staged installs (DESTDIR) leave that to the package.
refresh_icons = if [ -z "$(DESTDIR)" ] && [ -f $(icondir)/icon-theme.cache ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then \
  gtk-update-icon-cache -q -t -f $(icondir) || true; \
fi
