# LP Coach: `make run` builds and opens the app; `make test` runs every check.
# Both first install the Debian/Ubuntu packages they need (see README, "What make installs").

SHELL    := /bin/bash
GO       ?= go
TAGS     := migrated_fynedo
BIN      := bin/lpcoach
FYNE     := bin/fyne
VERSION  := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
LDFLAGS  := -X main.version=$(VERSION)
export LANG := en_US.UTF-8
export CGO_ENABLED := 1

# Packages to build the app (cgo, OpenGL, X11) and, for the tests, a virtual display,
# a private sound server with a virtual microphone, a speech synthesiser and sound tools.
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
              libxinerama-dev libxi-dev libxxf86vm-dev
TEST_PKGS  := xvfb xdotool imagemagick pulseaudio pulseaudio-utils espeak-ng sox

.PHONY: run build test check bench deps test-deps install uninstall package clean

run: build
	./$(BIN)

build: deps
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/lpcoach

test: test-deps check
	LPCOACH_REQUIRE_REAL=1 $(GO) test -race -tags $(TAGS) -timeout 20m ./...

# check: formatting and vet, before any test runs.
check:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet -tags $(TAGS) ./...

bench: deps
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./...

deps:
	@./.ci/install-packages $(BUILD_PKGS)

test-deps:
	@./.ci/install-packages $(BUILD_PKGS) $(TEST_PKGS)

$(FYNE):
	GOBIN=$(CURDIR)/bin $(GO) install fyne.io/tools/cmd/fyne@v1.7.4

# package: the Linux tarball (binary, .desktop entry, icon) in dist/.
package: build $(FYNE)
	rm -rf dist && mkdir -p dist
	cp FyneApp.toml dist/FyneApp.toml.keep   # fyne package rewrites it (build number)
	$(FYNE) package -os linux --release --exe $(BIN); status=$$?; \
	  mv dist/FyneApp.toml.keep FyneApp.toml; exit $$status
	mv "LP Coach.tar.xz" dist/lpcoach-$(VERSION)-linux-amd64.tar.xz
	@echo "Built dist/lpcoach-$(VERSION)-linux-amd64.tar.xz"

# install: for the current user, so LP Coach starts from the desktop's app menu.
install: package
	rm -rf dist/tree && mkdir -p dist/tree
	tar -xJf dist/lpcoach-$(VERSION)-linux-amd64.tar.xz -C dist/tree
	$(MAKE) -C dist/tree/lpcoach user-install
	@echo "Installed ~/.local/bin/lpcoach and an app-menu entry for LP Coach"

uninstall:
	rm -f ~/.local/bin/lpcoach ~/.local/share/applications/io.lpcoach.app.desktop \
	      ~/.local/share/icons/io.lpcoach.app.png

clean:
	rm -rf bin dist
