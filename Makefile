# Two commands for a newcomer: `make site` and `make test`. Every step is idempotent:
# a second run costs under a second.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
APT_PACKAGES := chromium fonts-dejavu-core fonts-noto-core default-jre-headless
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test install browser node messages clean serve

site: install
	$(PY) -m benn_site build --site . --out output
	@echo
	@echo "The portal is in output/: open output/index.html in a browser,"
	@echo "or run '$(VENV)/bin/benn-site serve' and open http://127.0.0.1:8000/"

test: install node browser
	$(PY) -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

serve: install
	$(VENV)/bin/benn-site serve

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

node: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Debian's Chromium (never a browser download), fonts with Arabic script, and Java for the Nu checker.
browser:
	@if ! command -v chromium >/dev/null || ! command -v java >/dev/null || [ ! -d /usr/share/fonts/truetype/noto ]; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PACKAGES); \
	fi

# Refresh the interface-string catalogs after changing templates.
messages: install
	$(VENV)/bin/pybabel extract -F babel.cfg -o content/ui/messages.pot --no-location --omit-header --sort-output -k _ -k N_ .
	for po in content/ui/*.po; do \
		lang=$$(basename $$po .po); \
		$(VENV)/bin/pybabel update -i content/ui/messages.pot -o $$po -l $$lang --no-fuzzy-matching --ignore-obsolete; \
	done

clean:
	rm -rf output .output.staging .output.old .cache
