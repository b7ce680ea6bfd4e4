import fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { splitFile } from '../../src/split';

/** Bytes of any value, newlines frequent enough to make many lines of every length (empty ones too). */
const content = fc
  .array(fc.oneof(fc.constant(0x0a), fc.constant(0x0d), fc.integer({ min: 0, max: 255 })), { maxLength: 3000 })
  .map((bytes) => Buffer.from(bytes));

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-split-property-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('splitFile, for any input and sizing', () => {
  it('writes exactly N chunks of whole lines that concatenate to the input (plus a final newline it lacked)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        content,
        fc.oneof(
          fc.record({ chunks: fc.integer({ min: 1, max: 12 }) }),
          fc.record({ chunkSize: fc.integer({ min: 1, max: 4000 }), slices: fc.integer({ min: 1, max: 4 }) }),
        ),
        fc.boolean(),
        async (input, sizing, gzip) => {
          const base = path.join(dir, String(run++));
          fs.mkdirSync(base);
          fs.writeFileSync(path.join(base, 'in'), input);
          const out = path.join(base, 'out');
          const result = await splitFile({
            input: path.join(base, 'in'),
            out,
            sizing,
            gzipLevel: gzip ? 1 : undefined,
          });

          const manifest = JSON.parse(fs.readFileSync(result.manifest, 'utf8'));
          expect(manifest.entries).toHaveLength(result.chunks);
          if ('chunks' in sizing) expect(result.chunks).toBe(sizing.chunks);
          else expect(result.chunks % sizing.slices).toBe(0);
          const chunks = manifest.entries.map((e: { url: string; meta: { content_length: number } }) => {
            const stored = fs.readFileSync(e.url);
            expect(e.meta.content_length).toBe(stored.length);
            return gzip ? zlib.gunzipSync(stored) : stored;
          });
          const expected =
            input.length > 0 && input[input.length - 1] !== 0x0a ? Buffer.concat([input, Buffer.from('\n')]) : input;
          expect(Buffer.concat(chunks).equals(expected)).toBe(true);
          // Lines stay whole: every chunk that holds anything ends at a newline.
          for (const chunk of chunks as Buffer[]) if (chunk.length > 0) expect(chunk[chunk.length - 1]).toBe(0x0a);
          fs.rmSync(base, { recursive: true, force: true });
        },
      ),
      { numRuns: 60 },
    );
  });
});
