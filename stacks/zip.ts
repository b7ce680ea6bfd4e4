import * as fs from 'node:fs';
import * as path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Writes a zip of `files` (names relative to `dir`) that depends on their names and bytes only: entries sorted,
 * every timestamp 1980-01-01 00:00, every file mode 0644. The same bundle then gives the same zip, and so the same
 * asset hash and no Lambda update, on any machine and after any rebuild. Built in-process: cdktf's archive
 * assets start a Node process per asset on every synth, which was half of a synth's time.
 */
export function writeZip(dir: string, files: readonly string[], destination: string): void {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const name of [...files].sort()) {
    const data = fs.readFileSync(path.join(dir, name));
    const deflated = deflateRawSync(data, { level: 9 });
    const entry: ZipEntry = { name: Buffer.from(name, 'utf8'), crc: crc32(data), size: data.length, deflated, offset };
    const header = localHeader(entry);
    local.push(header, deflated);
    central.push(centralHeader(entry));
    offset += header.length + deflated.length;
  }
  const directory = Buffer.concat(central);
  // Without the Zip64 extension, sizes and offsets are 32-bit and entries 16-bit; a Lambda package is far smaller.
  if (offset + directory.length > 0xffffffff || central.length > 0xffff) {
    throw new Error(`${destination}: too large for a zip without Zip64 (${central.length} files, ${offset} bytes)`);
  }
  fs.writeFileSync(
    destination,
    Buffer.concat([...local, directory, endOfDirectory(central.length, directory.length, offset)]),
  );
}

interface ZipEntry {
  readonly name: Buffer;
  readonly crc: number;
  readonly size: number;
  readonly deflated: Buffer;
  readonly offset: number;
}

const DEFLATE = 8;
/** Version 2.0: deflate. */
const VERSION_NEEDED = 20;
/** Made by Unix (3), spec 2.0: readers take the file mode from the high half of the external attributes. */
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED;
/** Bit 11: names are UTF-8. */
const UTF8_NAMES = 1 << 11;
/** 1980-01-01 in MS-DOS date format (the earliest it can say); the time is 00:00:00. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** A regular file, rw-r--r--: Lambda needs its files readable by the runtime's user. */
const FILE_MODE = 0o100644;

function localHeader(entry: ZipEntry): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  writeEntryFields(header, 4, entry);
  return Buffer.concat([header, entry.name]);
}

function centralHeader(entry: ZipEntry): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(VERSION_MADE_BY, 4);
  writeEntryFields(header, 6, entry);
  // Extra field, comment, disk number and internal attributes stay 0.
  header.writeUInt32LE(FILE_MODE * 0x10000, 38);
  header.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([header, entry.name]);
}

/** The fields both headers share, in the same order: version needed to name length (the time is 0). */
function writeEntryFields(header: Buffer, at: number, entry: ZipEntry): void {
  header.writeUInt16LE(VERSION_NEEDED, at);
  header.writeUInt16LE(UTF8_NAMES, at + 2);
  header.writeUInt16LE(DEFLATE, at + 4);
  header.writeUInt16LE(DOS_DATE, at + 8);
  header.writeUInt32LE(entry.crc, at + 10);
  header.writeUInt32LE(entry.deflated.length, at + 14);
  header.writeUInt32LE(entry.size, at + 18);
  header.writeUInt16LE(entry.name.length, at + 22);
}

function endOfDirectory(entries: number, directoryBytes: number, directoryOffset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries, 8);
  end.writeUInt16LE(entries, 10);
  end.writeUInt32LE(directoryBytes, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return end;
}
