#!/usr/bin/env bash
# Installs the pinned Python tools (requirements.txt) into .venv when it is missing or out of date.
# The stamp file records the requirements it was built from, so editing requirements.txt reinstalls.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "logfed: installing Python tools from requirements.txt into .venv (first run only)..." >&2
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
echo "$want" > "$stamp"
