#!/usr/bin/env bash
# Builds the pinned actionlint into .venv/bin with Go (modules from the Go proxy) when it is missing or another
# version. The workflow tests run it; it checks every `run:` script with the shellcheck from requirements.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
version=v1.7.12
tool=.venv/bin/actionlint
if [ -x "$tool" ] && [ "$("$tool" --version | head -1)" = "$version" ]; then
  exit 0
fi
if ! command -v go >/dev/null; then
  echo "logfed: Go is needed to build actionlint $version for the workflow tests (https://go.dev/doc/install)" >&2
  exit 1
fi
echo "logfed: building actionlint $version into .venv/bin (first run only)..." >&2
mkdir -p .venv/bin
GOBIN="$PWD/.venv/bin" go install "github.com/rhysd/actionlint/cmd/actionlint@$version"
