#!/usr/bin/env node
// Entry point of the `logfed` CLI: runs the compiled core (built by `npm run build`, which `npm ci` runs via `prepare`).
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'src', 'cli', 'index.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('logfed: the CLI is not built yet; run `npm run build` (npm ci does it for you)\n');
  process.exit(2);
}
require(entry).run(process.argv);
