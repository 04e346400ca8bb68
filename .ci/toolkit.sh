#!/bin/sh
# The modder toolkit on the campaign and on both example packs: validate --strict, playtest, route tests.
# Exits non-zero on the first failure. Called from .ci/run; run it by hand from the repository root.
set -eu
cd "$(dirname "$0")/.."
FT="${FIRST_TAKE:-first-take}"
command -v "$FT" >/dev/null 2>&1 || FT="python -m game"
for pack in scenes examples/last-reel examples/sunday-postcard; do
    echo "== $pack"
    $FT validate "$pack" --strict
    $FT playtest "$pack"
    $FT test "$pack" --strict
done
echo "== toolkit: all packs pass"
