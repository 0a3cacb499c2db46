# Two commands do all the set-up on a fresh machine with Python 3.11, make and bash:
#   make demo   builds both catalogs from the demo content (output/public, output/internal)
#   make test   installs everything the tests need and runs them
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
AXE := .cache/node/node_modules/axe-core/axe.min.js
DECAP := .cache/node/node_modules/decap-server/dist/index.js

.PHONY: demo test lint browser editor bench fuzz clean

$(BIN)/refcat: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/refcat
	$(BIN)/refcat check || true
	$(BIN)/refcat build

browser:
	@{ command -v chromium && command -v pdftoppm; } >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium poppler-utils; }
	@[ -f $(AXE) ] || npm install --silent --no-save --prefix .cache/node axe-core@4

# the editor of `refcat serve --edit`; one npm install for all, as npm drops what it did not install
editor:
	@[ -f $(DECAP) ] || npm install --silent --no-save --prefix .cache/node axe-core@4 decap-cms@3 decap-server@3

lint: $(BIN)/refcat
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(BIN)/refcat browser editor lint
	$(BIN)/pytest -n 2

# the property-based tests with many more examples (minutes, not seconds)
fuzz: $(BIN)/refcat browser
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -n 2 tests -k "propert or fuzz or corrupt or implies"

bench: $(BIN)/refcat
	$(BIN)/python bench/run.py
	$(BIN)/python bench/build.py

clean:
	rm -rf $(VENV) output .refcat-cache .cache
