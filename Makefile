# Kurzweg: `make run` serves the demo agency, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test lint typecheck check-deploy bench messages vendor-check clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when a requirements file changes.
$(VENV)/.installed-runtime: requirements.txt | $(BIN)/activate
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed-runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed-runtime
	KURZWEG_ENV=demo $(PY) manage.py migrate --no-input -v 0
	KURZWEG_ENV=demo $(PY) manage.py load_demo
	@echo "Kurzweg runs at http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	KURZWEG_ENV=demo $(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev
	@scripts/ensure_chromium.sh
	$(PY) scripts/fetch_vendor.py --check
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy kurzweg

$(VENV)/.installed-bench: requirements-bench.txt $(VENV)/.installed-dev
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@

bench: $(VENV)/.installed-bench
	$(PY) -m bench.open_file
	$(PY) -m bench.matching

# Compile the translations after editing kurzweg/locale/*/LC_MESSAGES/django.po
messages: $(VENV)/.installed-dev
	cd kurzweg && ../$(PY) ../manage.py makemessages -i "static/*" --no-obsolete \
		-l de -l en -l de_LS -l ar -l fa -l uk -l ru -l ro -l bg -l pl -l hu -l tr
	cd kurzweg && ../$(PY) ../manage.py compilemessages

vendor-check:
	$(PYTHON) scripts/fetch_vendor.py --check

clean:
	rm -rf $(VENV) var staticfiles
