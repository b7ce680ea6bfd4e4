import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { isS3Uri, storeFor } from '../store';
import { SplitError } from './errors';

/**
 * Makes the input a plain local file, because equal cuts need the uncompressed size up front and random access
 * to find line ends. Plain local files are used in place; S3 objects are downloaded and gzip/bzip2 decompressed
 * into `workDir` (recognized by their magic bytes, not their names).
 */
export async function stagePlain(input: string, workDir: string): Promise<string> {
  let local = input;
  if (isS3Uri(input)) {
    local = path.join(workDir, 'input');
    await pipeline(storeFor(input).openRead(input), fs.createWriteStream(local));
  } else if (!fs.existsSync(input)) {
    throw new SplitError(`${input}: no such file`);
  }
  const magic = await readHead(local, 3);
  if (magic[0] === 0x1f && magic[1] === 0x8b) return decompress(input, local, workDir, 'gzip');
  if (magic.toString('latin1') === 'BZh') return decompress(input, local, workDir, 'bzip2');
  return local;
}

async function readHead(file: string, length: number): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function decompress(input: string, file: string, workDir: string, format: 'gzip' | 'bzip2'): Promise<string> {
  const plain = path.join(workDir, 'plain');
  try {
    if (format === 'gzip') {
      await pipeline(fs.createReadStream(file), zlib.createGunzip(), fs.createWriteStream(plain));
    } else {
      await bunzip2(file, plain);
    }
  } catch (error) {
    throw new SplitError(
      `${input}: not a complete ${format} stream (${(error as Error).message}); nothing was written`,
    );
  }
  return plain;
}

/** Node's zlib has no bzip2: the system `bzip2 -dc` (Debian package bzip2) decodes it. */
async function bunzip2(file: string, plain: string): Promise<void> {
  const child = spawn('bzip2', ['-dc', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`cannot run bzip2: ${error.message}`)));
    child.once('close', (code) => resolve(code ?? 1));
  });
  await pipeline(child.stdout, fs.createWriteStream(plain));
  const code = await exited;
  if (code !== 0) throw new Error(stderr.trim().split('\n').pop() || `bzip2 exited with ${code}`);
}
