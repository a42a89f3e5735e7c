# Two commands for a newcomer: `make site` and `make test`. Every step is idempotent:
# a second run costs under a second.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
APT_PACKAGES := chromium fonts-dejavu-core fonts-noto-core default-jre-headless
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test install install-test browser node messages clean serve ci-check ci-changes ci-build ci-verify ci-dry-run

site: install
	$(PY) -m benn_site build --site . --out output
	@echo
	@echo "The portal is in output/: open output/index.html in a browser,"
	@echo "or run '$(VENV)/bin/benn-site serve' and open http://127.0.0.1:8000/"

test: install-test node browser
	$(PY) -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

serve: install
	$(VENV)/bin/benn-site serve

# What the site needs, and what the tests need besides (editors need only the first). pip's
# messages go to a log, shown only when something fails: the first run takes a few minutes.
install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml
	@echo "Setting up benn-site in $(VENV) (the first time takes a few minutes)..."
	@$(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip >$(VENV)/install.log 2>&1 && \
		$(PY) -m pip install --quiet -e . >>$(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	@echo "Setting up the test tools..."
	@$(PY) -m pip install --quiet -e '.[test]' >>$(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }
	@touch $@

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
	# Messages for editors (problems, command output) live in the package: msg("English text").
	$(VENV)/bin/pybabel extract --no-default-keywords -k msg -o benn_site/locale/messages.pot --no-location --omit-header --sort-output benn_site
	$(VENV)/bin/pybabel update -i benn_site/locale/messages.pot -o benn_site/locale/de.po -l de --no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf output .output.staging .output.previous .output.pagefind .output.index-pending .cache

# -- Publishing ---------------------------------------------------------------------------------
# The workflows (.github/workflows/site.yml, .gitlab-ci.yml) run these targets, so `make ci-dry-run`
# runs here what CI runs there. Settings (as make variables or in the environment):
#   SITE_BASE_URL  where the site is published, e.g. https://org.github.io/benn-portal/ (default: site.yaml)
#   SITE_NOW       the build instant (default: now; CI passes the run's start time)
#   SITE_FORMAT    plain | github (annotations on the changed file and line)
#   SITE_STRICT    --strict to fail on missing translations
#   SITE_DIR, SITE_OUT  the site directory (.) and the output folder (output)
#   SITE_BASE_DIR  for ci-changes: the site directory before the change (default .base/SITE_DIR, where
#                  CI checks out the target branch)
SITE_DIR ?= .
SITE_OUT ?= output
SITE_FORMAT ?= plain
SITE_STRICT ?=
SITE_BASE_DIR ?= .base/$(SITE_DIR)
SITE_OPTIONS = --site $(SITE_DIR) --format $(SITE_FORMAT) $(SITE_STRICT) \
	$(if $(SITE_BASE_URL),--base-url '$(SITE_BASE_URL)') $(if $(SITE_NOW),--now '$(SITE_NOW)')

# Everything the build checks, plus every internal link and anchor, without touching output/.
ci-check: install
	$(VENV)/bin/benn-site check $(SITE_OPTIONS)

# What a pull or merge request changes on the site, as Markdown on standard output (CI appends it to
# the job summary): pages added, changed and removed per language, with their addresses; new warnings.
ci-changes: install
	@$(VENV)/bin/benn-site changes --base '$(SITE_BASE_DIR)' --site $(SITE_DIR) \
		$(if $(SITE_BASE_URL),--base-url '$(SITE_BASE_URL)') $(if $(SITE_NOW),--now '$(SITE_NOW)')

ci-build: install
	$(VENV)/bin/benn-site build $(SITE_OPTIONS) --out $(SITE_OUT)

# The built site as it will be published: URLs below the base path, no broken link when served
# under it (linkinator), valid HTML (Nu HTML Checker).
ci-verify: install-test node
	$(PY) -m tests.sitecheck $(SITE_OUT) --site $(SITE_DIR) $(if $(SITE_BASE_URL),--base-url '$(SITE_BASE_URL)')

# The workflow's steps in order, with one build instant for all of them.
ci-dry-run: install-test node
	@now="$${SITE_NOW:-$$(date -u +%Y-%m-%dT%H:%M:%S+00:00)}"; echo "Build instant: $$now"; \
	$(MAKE) --no-print-directory ci-check SITE_NOW="$$now" && \
	$(MAKE) --no-print-directory ci-build SITE_NOW="$$now" && \
	$(MAKE) --no-print-directory ci-verify
