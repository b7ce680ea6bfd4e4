/** Pure parts of the split contract shared by the local engine and mirrored by the EMR job. */

/** Redshift slices in the smallest configured cluster; `--slices` overrides it. */
export const DEFAULT_SLICES = 2;

const UNITS: Record<string, number> = { '': 1, k: 1e3, m: 1e6, g: 1e9, ki: 2 ** 10, mi: 2 ** 20, gi: 2 ** 30 };

/** Parses `64MiB`, `1GB`, `500k` or plain bytes; undefined when the text is not a size. */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]i?)?b?$/i.exec(text.trim());
  if (!match) return undefined;
  const bytes = Math.round(Number(match[1]) * UNITS[(match[2] ?? '').toLowerCase()]);
  return bytes > 0 ? bytes : undefined;
}

/**
 * Number of chunks: `chunks` as given, or enough chunks of at most `chunkSize` bytes, rounded up to a multiple
 * of `slices` so every Redshift slice loads the same number of files.
 */
export function chunkCount(total: number, sizing: { chunks: number } | { chunkSize: number; slices: number }): number {
  if ('chunks' in sizing) return sizing.chunks;
  const needed = Math.max(1, Math.ceil(total / sizing.chunkSize));
  return Math.ceil(needed / sizing.slices) * sizing.slices;
}

/** Where chunk i (1 ≤ i < n) should start if lines were infinitely short: floor(i·total/n). */
export function target(i: number, total: number, n: number): number {
  return Number((BigInt(i) * BigInt(total)) / BigInt(n));
}

/**
 * The chunk of the line starting at byte `start`: the number of targets at or before it. A chunk ends after the
 * line that holds the byte just before its target, so cuts fall on line ends and no line is ever split.
 */
export function chunkOfLine(start: number, total: number, n: number): number {
  const count = (BigInt(start + 1) * BigInt(n) + BigInt(total) - 1n) / BigInt(total) - 1n;
  return Math.min(n - 1, Number(count));
}

/** Chunk file name; order of names is input order. */
export function chunkName(index: number, gzip: boolean): string {
  return `part-${String(index).padStart(5, '0')}${gzip ? '.gz' : ''}`;
}

export interface ManifestEntry {
  readonly url: string;
  readonly mandatory: true;
  /** Bytes of the object as stored (compressed size for gzip chunks). */
  readonly meta: { readonly content_length: number };
}

/** Redshift COPY manifest for the written chunks, in chunk order. */
export function buildManifest(chunks: readonly { url: string; bytes: number }[]): { entries: ManifestEntry[] } {
  return { entries: chunks.map(({ url, bytes }) => ({ url, mandatory: true, meta: { content_length: bytes } })) };
}
