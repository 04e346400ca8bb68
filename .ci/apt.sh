#!/usr/bin/env bash
# System packages the event features' tests need: Debian's Chromium for the browser test
# (tests/functional/test_browser.py; Playwright drives /usr/bin/chromium and never downloads one).
# Idempotent and quick when everything is there; .ci/run calls it before making the venv.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "apt.sh: cannot install ${need[*]} (not root, or no apt-get); the browser test will report it" >&2
  exit 0
fi
echo "== apt-get install ${need[*]}"
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
