import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const DIST = path.join(__dirname, '../../dist');
const MIB = 1024 * 1024;
const OBJECT_MIB = 400;

/**
 * Runs in a fresh Node process on the built readers: streams one CloudTrail object of OBJECT_MIB uncompressed
 * (made on the fly, nothing on disk) through readLogObject and prints how many events it saw.
 */
const SCRIPT = `
const { Readable } = require('node:stream');
const { readLogObject } = require(${JSON.stringify(path.join(DIST, 'src/readers'))});
const target = ${OBJECT_MIB} * 1024 * 1024;
let generated = 0;
let size = 0;
function* body() {
  yield Buffer.from('{"Records":[');
  for (let i = 0; size < target; i++, generated++) {
    const record = (i ? ',' : '') + JSON.stringify({
      eventVersion: '1.09', eventTime: '2026-11-27T10:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject',
      eventID: 'e' + i, requestParameters: { bucketName: 'b', key: 'k/' + i, padding: 'x'.repeat(900) },
    });
    size += record.length;
    yield Buffer.from(record);
  }
  yield Buffer.from(']}');
}
let events = 0;
const skipped = [];
readLogObject('big.json', () => Readable.from(body()), {
  kind() {}, event() { events++; }, skipped(where, reason) { skipped.push(where + ': ' + reason); },
}).then(() => process.stdout.write(JSON.stringify({ bytes: size, generated, events, skipped })));
`;

describe('reading one large CloudTrail object', () => {
  it(`keeps memory far below the object's size (${OBJECT_MIB} MiB uncompressed)`, async () => {
    const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-rss-')), 'peak');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--require', path.join(DIST, 'bench/peak-rss-probe.js'), '-e', SCRIPT],
      { env: { ...process.env, LOGFED_PEAK_RSS_FILE: rssFile } },
    );
    const result = JSON.parse(stdout) as { bytes: number; generated: number; events: number; skipped: string[] };
    expect(result.bytes).toBeGreaterThanOrEqual(OBJECT_MIB * MIB);
    expect(result.skipped).toEqual([]);
    expect(result.events).toBe(result.generated);
    const peak = Number(fs.readFileSync(rssFile, 'utf8'));
    // Node itself and the rules take about 50 MiB; parsing the whole object would need several times its size.
    expect(peak).toBeLessThan(192 * MIB);
  });
});
