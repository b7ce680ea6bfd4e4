#!/usr/bin/env bash
# Everything `npm test` needs beyond npm packages: the pinned Python tools, then actionlint.
set -euo pipefail
cd "$(dirname "$0")"
./ensure-python-tools.sh
./ensure-actionlint.sh
