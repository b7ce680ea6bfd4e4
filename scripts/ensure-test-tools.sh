#!/usr/bin/env bash
# Everything `npm test` needs beyond npm packages: the pinned Python tools, the s3a connector for the pinned
# pyspark (through Maven), then actionlint.
set -euo pipefail
cd "$(dirname "$0")"
./ensure-python-tools.sh
./ensure-hadoop-aws.sh
./ensure-actionlint.sh
