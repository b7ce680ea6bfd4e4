/**
 * Run by `bench/lambda.ts` in a fresh process per measurement, as Lambda starts a function: requires the bundled
 * handler (its module load, Lambda's init), then hands it one event given as JSON on the command line. Prints
 * `{"loadMs":…,"handleMs":…}` as its last line; the handler's own log lines come before it.
 * Usage: node [--require peak-rss-probe.js] dist/bench/lambda-invoke.js <bundle dir> '<event JSON>'
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const [bundleDir, event] = process.argv.slice(2);
const started = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { handler } = require(path.join(bundleDir, 'index.js')) as {
  handler: (event: unknown, context: unknown) => Promise<unknown>;
};
const loadMs = performance.now() - started;
const context = { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 900_000 };
const invoked = performance.now();
handler(JSON.parse(event), context).then(
  () => console.log(JSON.stringify({ loadMs, handleMs: performance.now() - invoked })),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
