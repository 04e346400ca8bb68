#!/usr/bin/env bash
# The static checks: import-linter's layer and cycle contracts, ruff and mypy (settings in
# pyproject.toml), in the venv README's test command made, with the lock's exact versions.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-.venv/bin/python}
"$py" -m pip install -q -c requirements/lock.txt -e '.[lint]'
echo "== lint-imports"
"$(dirname "$py")/lint-imports"
echo "== ruff check"
"$py" -m ruff check game tests benchmarks
echo "== mypy"
"$py" -m mypy
