import { execFileSync } from 'node:child_process';
import { bundleHandler, NODE_OPTIONS } from '../../stacks/bundle';

/**
 * The deployed bundle of the log-intelligence function keeps Lambda's init short: requiring `index.js` loads
 * neither the AWS SDK (`sdk.js`) nor anything that speaks HTTP (the SDK's handler, the forwarders). The first
 * event loads them. `npm run bench:lambda` measures the times; this guards what is loaded where.
 */
describe('the log-intelligence bundle', () => {
  const bundle = bundleHandler('lambdas/log-intelligence/handler.ts', 'log-intelligence');

  it('stays within the 1 MiB goal', () => {
    expect(bundle.bytes).toBeLessThanOrEqual(1024 ** 2);
  });

  it('loads no AWS SDK and no HTTP module at init, and the SDK on its first event', () => {
    const script = `
      const dir = ${JSON.stringify(bundle.dir)};
      const files = () => Object.keys(require.cache).filter((f) => f.startsWith(dir)).map((f) => f.slice(dir.length + 1));
      const builtins = () => process.moduleLoadList.filter((m) => /^NativeModule (https?|net|tls)$/.test(m));
      const { handler } = require(dir + '/index.js');
      const init = { files: files(), builtins: builtins() };
      const context = { functionName: 'f', awsRequestId: 'r', getRemainingTimeInMillis: () => 60000 };
      handler({ Service: 'Amazon S3', Event: 's3:TestEvent' }, context).then((result) =>
        console.log(JSON.stringify({ init, firstEvent: { files: files(), result: result ?? null } })),
      );`;
    const output = execFileSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_OPTIONS,
        INTELLIGENCE_BUCKET: 'intelligence',
        ALERTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:alerts',
        AWS_REGION: 'us-east-1',
        POWERTOOLS_METRICS_DISABLED: 'true',
      },
    });
    const lines = output.trim().split('\n');
    expect(JSON.parse(lines[lines.length - 1])).toEqual({
      init: { files: ['index.js'], builtins: [] },
      firstEvent: { files: ['index.js', 'sdk.js'], result: null },
    });
  });
});
