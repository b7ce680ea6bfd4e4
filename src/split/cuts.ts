import * as fs from 'node:fs';
import { target } from './plan';

const WINDOW = 64 * 1024;

/**
 * Byte offsets where each of the n chunks starts, plus the file size at the end (n + 1 numbers). `total` is the
 * size counting a missing final newline, so cuts match `chunkOfLine`. Reads only a window after each target.
 */
export async function findCuts(file: string, size: number, total: number, n: number): Promise<number[]> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const cuts = [0];
    for (let i = 1; i < n; i++) {
      const at = target(i, total, n);
      const previous = cuts[i - 1];
      cuts.push(at === 0 || at - 1 < previous ? previous : await lineEnd(handle, at - 1, size));
    }
    cuts.push(size);
    return cuts;
  } finally {
    await handle.close();
  }
}

/** Offset just after the line holding byte `from` (the file size when that line has no newline). */
async function lineEnd(handle: fs.promises.FileHandle, from: number, size: number): Promise<number> {
  const buffer = Buffer.alloc(WINDOW);
  for (let position = from; position < size; position += WINDOW) {
    const { bytesRead } = await handle.read(buffer, 0, WINDOW, position);
    const newline = buffer.subarray(0, bytesRead).indexOf(0x0a);
    if (newline >= 0) return position + newline + 1;
  }
  return size;
}
