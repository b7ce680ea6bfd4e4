/** Generated CloudTrail data sets shared by the benchmarks, cached in `bench/.data/` (git-ignored). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createGunzip } from 'node:zlib';
import { generate } from '../src/generate';

export const DATA = path.join(path.resolve(__dirname, '..', '..'), 'bench', '.data');

export interface Dataset {
  readonly dir: string;
  readonly files: string[];
  readonly events: number;
  readonly uncompressedBytes: number;
  readonly compressedBytes: number;
}

export function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index === -1 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1`);
  return value;
}

/** Generates the data set unless a complete one is cached (its `meta.json` is written last). */
export async function dataset(name: string, events: number, files: number): Promise<Dataset> {
  const dir = path.join(DATA, name);
  const metaFile = path.join(dir, 'meta.json');
  if (!fs.existsSync(metaFile)) {
    fs.rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`generating ${events.toLocaleString('en')} events in ${files} file(s) under ${dir} …\n`);
    const result = await generate({ events, files, out: path.join(dir, 'logs'), seed: 2026 });
    const relative = result.files.map((file) => path.relative(dir, file));
    let uncompressedBytes = 0;
    for (const file of result.files) uncompressedBytes += await gunzippedSize(file);
    fs.writeFileSync(metaFile, JSON.stringify({ files: relative, events, uncompressedBytes }));
  }
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as {
    files: string[];
    events: number;
    uncompressedBytes: number;
  };
  const filesAbsolute = meta.files.map((file) => path.join(dir, file));
  const compressedBytes = filesAbsolute.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  return {
    dir: path.join(dir, 'logs'),
    files: filesAbsolute,
    events: meta.events,
    uncompressedBytes: meta.uncompressedBytes,
    compressedBytes,
  };
}

function gunzippedSize(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let size = 0;
    fs.createReadStream(file)
      .pipe(createGunzip())
      .on('data', (chunk: Buffer) => (size += chunk.length))
      .on('end', () => resolve(size))
      .on('error', reject);
  });
}
