/**
 * Run by `bench/lambda.ts` in a process of its own (for a clean peak RSS): the bundled handler, as Lambda loads
 * it, handles one S3 event given as JSON on the command line; prints the milliseconds it took.
 * Usage: node --require peak-rss-probe.js dist/bench/lambda-invoke.js <bundle dir> '<S3 event JSON>'
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const [bundleDir, event] = process.argv.slice(2);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { handler } = require(path.join(bundleDir, 'index.js')) as {
  handler: (event: unknown, context: unknown) => Promise<unknown>;
};
const started = performance.now();
handler(JSON.parse(event), { functionName: 'bench', awsRequestId: 'bench' }).then(
  () => console.log(String(performance.now() - started)),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
