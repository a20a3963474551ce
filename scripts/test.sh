#!/usr/bin/env bash
# The whole test suite, set-up included: system packages the tests drive (Debian's Chromium for the
# browser tests, LibreOffice Calc to recalculate the exported workbook, LibreOffice Impress, poppler and the
# Carlito font to draw the deck, nginx for the hosting tests), Python packages, then pytest.
set -uo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
# The deck is drawn by LibreOffice Impress, rasterized by poppler, in Calibri's metric twin (tests/test_deck_render.py).
ls /usr/lib/libreoffice/program/libsdlo.so >/dev/null 2>&1 || missing+=(libreoffice-impress-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -qi carlito || missing+=(fonts-crosextra-carlito)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]} (Debian packages)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null || echo "could not install ${missing[*]}: those tests will skip and say why"
  else
    echo "${missing[*]} not installed and not root: those tests will skip and say why"
  fi
fi

python -m pip install -q -r requirements-dev.txt || exit 1
# Two pytest-xdist workers (the machines it runs on have two cores), a test module to a worker and every
# browser module on one (tests/conftest.py says why); TEST_WORKERS=0 runs in this one process.
workers="${TEST_WORKERS:-2}"
if [ "$workers" = 0 ]; then
  exec python -m pytest "$@"
fi
exec python -m pytest -n "$workers" --dist loadgroup --no-loadscope-reorder "$@"
