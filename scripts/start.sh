#!/usr/bin/env bash
# The main job on the embedded default: local folders, no AWS account.
#   1. synthesize every environment and print the stacks with their resources,
#   2. split the sample enterprise log into Redshift-ready chunks with a COPY manifest,
#   3. analyze the sample logs (CloudTrail, EMR, Data Pipeline, Redshift load errors) into a summary,
#   4. render the digest of that summary as the nightly job would,
#   5. run the log-intelligence Lambda handler over the same logs, notifications delivered in process.
# Everything it writes goes under out/ (git-ignored) and cdktf.out/.
set -euo pipefail
cd "$(dirname "$0")/.."
logfed() { node bin/logfed.js "$@"; }
step() { printf '\n== %s\n\n' "$1"; }

rm -rf out && mkdir -p out/summaries

step "1/5 synthesize the topology (cdktf.out/)"
node dist/stacks/main.js
node dist/stacks/report.js

step "2/5 split samples/enterprise into 4 gzip chunks (out/chunks/)"
logfed split samples/enterprise/storefront-2026-11-27.log.gz --out out/chunks --chunks 4 --gzip
cat out/chunks/manifest.json

step "3/5 analyze samples/logs (out/summaries/samples.json)"
logfed analyze samples/logs --out out/summaries/samples.json
logfed analyze samples/logs --format markdown --out out/analysis.md
echo "summary: out/summaries/samples.json, report: out/analysis.md"

step "4/5 digest of 2026-11-27 (out/digest.md)"
logfed digest --source out/summaries --since 2026-11-27T00:00:00Z --hours 24 --out out/digest.md
cat out/digest.md

step "5/5 the log-intelligence Lambda handler on samples/logs (out/intelligence/)"
node dist/lambdas/log-intelligence/local.js samples/logs out/intelligence
