import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Temporary folders of this process. A command that is interrupted cannot run its `finally` blocks, so the
 * CLI's signal handler removes whatever is still listed here before it exits.
 */
const live = new Set<string>();

/** Creates a folder under the system temp folder, listed until `removeTempDir`. */
export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), prefix));
  live.add(dir);
  return dir;
}

export async function removeTempDir(dir: string): Promise<void> {
  await fs.promises.rm(dir, { recursive: true, force: true });
  live.delete(dir);
}

/** For signal handlers: removes every listed folder before the process exits. */
export function removeTempDirsSync(): void {
  for (const dir of live) fs.rmSync(dir, { recursive: true, force: true });
  live.clear();
}
