# The two commands a newcomer needs:  make run  and  make test  (see README.md).
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | sha1sum | cut -c1-12)
CORPUS ?= data/corpus
STORE  ?= data/processed
PORT   ?= 8501

.PHONY: run test install data browser lint lock clean

run: install data  ## Install, build the store from data/corpus if missing, start the app.
	$(PY) -m streamlit run app.py --server.port $(PORT)

test: install browser lint  ## Install, lint, run the whole test suite (with coverage of geo/).
	$(PY) -m pytest

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation --editable .
	rm -f $(VENV)/.installed-*
	touch $@

data: install  ## Build the GeoParquet store (incremental: only new or changed articles are parsed).
	$(PY) -m geo build $(CORPUS) --out $(STORE)

browser:  ## Debian's Chromium for the end-to-end tests (Playwright drives /usr/bin/chromium).
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

lint: install  ## ruff (with complexity C901 <= 12) and mypy over geo/.
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

lock:  ## Re-pin requirements.txt (with sha256 hashes) from requirements.in.
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
	  --output-file requirements.txt requirements.in

clean:
	rm -rf $(VENV) $(STORE) .pytest_cache .ruff_cache
