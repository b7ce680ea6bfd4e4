import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ListedObject, NotListed, ObjectInfo, ObjectStore, StoreError } from './types';

/** Why a symbolic link below a listed folder is left out: a link can loop, or reach outside the folder. */
export const SYMLINK_NOT_FOLLOWED = 'symbolic link, not followed';

/** Local folders and files behind the object-store interface. */
export class LocalStore implements ObjectStore {
  async list(location: string, notListed: NotListed = () => {}): Promise<ObjectInfo[]> {
    const stat = statOf(location);
    if (stat.isFile()) {
      return [toInfo(location, path.basename(location), stat)];
    }
    const found: ObjectInfo[] = [];
    await walk(location, '', found, notListed);
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async *walk(location: string, notListed: NotListed = () => {}): AsyncGenerator<readonly ListedObject[]> {
    if (statOf(location).isFile()) {
      yield [{ location, key: path.basename(location) }];
      return;
    }
    yield* walkFolder(location, '', notListed);
  }

  async lastModified(location: string): Promise<Date> {
    try {
      return fs.statSync(location).mtime;
    } catch (error) {
      throw new StoreError(location, String((error as Error).message));
    }
  }

  openRead(location: string): Readable {
    return fs.createReadStream(location);
  }

  async readAll(location: string): Promise<Buffer> {
    try {
      // Synchronous on purpose: objects read whole are small, and a local read takes microseconds, while the
      // promise API makes four thread-pool round trips (open, stat, read, close) per file; a digest reads 100,000.
      return fs.readFileSync(location);
    } catch (error) {
      throw new StoreError(location, String((error as Error).message));
    }
  }

  async write(location: string, body: Buffer | string | Readable): Promise<void> {
    await fs.promises.mkdir(path.dirname(location), { recursive: true });
    if (body instanceof Readable) {
      await pipeline(body, fs.createWriteStream(location));
    } else {
      await fs.promises.writeFile(location, body);
    }
  }

  async delete(location: string): Promise<void> {
    try {
      await fs.promises.rm(location, { force: true });
    } catch (error) {
      throw new StoreError(location, String((error as Error).message));
    }
  }
}

function statOf(location: string): fs.Stats {
  try {
    return fs.statSync(location);
  } catch (error) {
    throw new StoreError(
      location,
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String(error),
    );
  }
}

/** Directory entries read per system call while walking, and files per page of a walk. */
const WALK_PAGE = 1024;

/**
 * The files below `folder` in pages, read from the directory as they come (not a whole folder's array), without
 * a stat each; its subfolders are walked after it is closed, so one directory is open at a time.
 */
function* walkFolder(folder: string, keyPrefix: string, notListed: NotListed): Generator<readonly ListedObject[]> {
  const folders: string[] = [];
  const dir = fs.opendirSync(folder, { bufferSize: WALK_PAGE });
  let page: ListedObject[] = [];
  try {
    for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) {
      if (entry.isSymbolicLink()) notListed(path.join(folder, entry.name), SYMLINK_NOT_FOLLOWED);
      else if (entry.isDirectory()) folders.push(entry.name);
      else if (entry.isFile()) page.push({ location: path.join(folder, entry.name), key: keyPrefix + entry.name });
      if (page.length === WALK_PAGE) {
        yield page;
        page = [];
      }
    }
  } finally {
    dir.closeSync();
  }
  if (page.length > 0) yield page;
  for (const name of folders) yield* walkFolder(path.join(folder, name), `${keyPrefix}${name}/`, notListed);
}

/** Lists `folder` into `found`, keys built as `keyPrefix` + name (cheaper than `path.relative` per file). */
async function walk(folder: string, keyPrefix: string, found: ObjectInfo[], notListed: NotListed): Promise<void> {
  const entries = await fs.promises.readdir(folder, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.isSymbolicLink()) notListed(path.join(folder, entry.name), SYMLINK_NOT_FOLLOWED);
    if (!entry.isFile()) continue;
    const file = path.join(folder, entry.name);
    // Synchronous stats: a local stat takes microseconds, less than the thread-pool round trip of an async one,
    // and listing a digest's 100,000 summaries makes 100,000 of them.
    found.push(toInfo(file, keyPrefix + entry.name, fs.statSync(file)));
  }
  for (const entry of entries) {
    if (entry.isDirectory()) await walk(path.join(folder, entry.name), `${keyPrefix}${entry.name}/`, found, notListed);
  }
}

function toInfo(location: string, key: string, stat: fs.Stats): ObjectInfo {
  return { location, key, size: stat.size, lastModified: stat.mtime, etag: `${stat.size}-${Math.trunc(stat.mtimeMs)}` };
}
