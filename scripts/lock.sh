#!/usr/bin/env bash
# Rewrites the two lock files from the ranges declared in pyproject.toml: requirements.txt (the app, the
# calculator and its exports) and requirements-dev.txt (that plus the test suite). Every version is exact,
# so a fresh machine installs what the suite last passed on; tests/core/test_lock.py fails when a lock and
# the declared ranges disagree. Upgrade: edit a range in pyproject.toml (or keep it), run this script with
# --upgrade, run `bash scripts/test.sh`, commit the three files together.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q "uv>=0.9"
common=(--universal --python-version 3.11 --quiet "$@")
python -m uv pip compile pyproject.toml --extra app --extra export "${common[@]}" -o requirements.txt
python -m uv pip compile pyproject.toml --extra app --extra export --extra dev "${common[@]}" -o requirements-dev.txt
