import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NotListed, ObjectInfo, ObjectStore, StoreError } from './types';

/** Why a symbolic link below a listed folder is left out: a link can loop, or reach outside the folder. */
export const SYMLINK_NOT_FOLLOWED = 'symbolic link, not followed';

/** Local folders and files behind the object-store interface. */
export class LocalStore implements ObjectStore {
  async list(location: string, notListed: NotListed = () => {}): Promise<ObjectInfo[]> {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(location);
    } catch (error) {
      throw new StoreError(
        location,
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String(error),
      );
    }
    if (stat.isFile()) {
      return [toInfo(location, path.basename(location), stat)];
    }
    const found: ObjectInfo[] = [];
    await walk(location, location, found, notListed);
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  openRead(location: string): Readable {
    return fs.createReadStream(location);
  }

  async readAll(location: string): Promise<Buffer> {
    try {
      return await fs.promises.readFile(location);
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

async function walk(root: string, folder: string, found: ObjectInfo[], notListed: NotListed): Promise<void> {
  const entries = await fs.promises.readdir(folder, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.isSymbolicLink()) notListed(path.join(folder, entry.name), SYMLINK_NOT_FOLLOWED);
  }
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(folder, entry.name));
  // stat a folder's files concurrently: one at a time, listing tens of thousands of summaries took seconds.
  const stats = await Promise.all(files.map((file) => fs.promises.stat(file)));
  files.forEach((file, i) => found.push(toInfo(file, path.relative(root, file).split(path.sep).join('/'), stats[i])));
  for (const entry of entries) {
    if (entry.isDirectory()) await walk(root, path.join(folder, entry.name), found, notListed);
  }
}

function toInfo(location: string, key: string, stat: fs.Stats): ObjectInfo {
  return { location, key, size: stat.size, lastModified: stat.mtime, etag: `${stat.size}-${Math.trunc(stat.mtimeMs)}` };
}
