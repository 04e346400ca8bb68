#!/bin/sh
# Refresh requirements/lock.txt: the exact versions README's play and test commands install.
# Resolves pyproject.toml's ranges (every extra) to the newest versions they allow, for every
# platform (--universal), for the oldest Python we support. Run from anywhere; needs only python3.
# After refreshing: run README's test command on the new lock, and commit the lock with the result.
set -eu
cd "$(dirname "$0")/.."
tools="${TMPDIR:-/tmp}/first-take-lock-tools"
[ -x "$tools/bin/uv" ] || { python3 -m venv "$tools" && "$tools/bin/pip" install -q uv; }
"$tools/bin/uv" pip compile pyproject.toml --all-extras --universal --python-version 3.11 \
    --annotation-style line --custom-compile-command "sh requirements/refresh.sh" -o requirements/lock.txt
