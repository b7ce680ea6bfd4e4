import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

const STORE = path.resolve(__dirname, '../../dist/src/store/index.js');

/** AWS SDK modules loaded by a fresh Node process after `storeFor(location)`. */
async function sdkModulesAfter(location: string): Promise<string[]> {
  const script =
    `require(${JSON.stringify(STORE)}).storeFor(${JSON.stringify(location)});` +
    `process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((m) => m.includes('@aws-sdk'))));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script]);
  return JSON.parse(stdout) as string[];
}

describe('storeFor start-up cost', () => {
  it('does not load the AWS SDK for local paths', async () => {
    expect(await sdkModulesAfter('samples/logs')).toEqual([]);
  });

  it('loads the S3 client when an s3:// location is asked for', async () => {
    const modules = await sdkModulesAfter('s3://bucket/prefix');
    expect(modules.some((m) => m.includes('client-s3'))).toBe(true);
  });
});
