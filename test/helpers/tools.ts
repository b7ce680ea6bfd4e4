import * as fs from 'node:fs';
import * as path from 'node:path';

/** The project's test tools, installed by `scripts/ensure-test-tools.sh` (run by `npm test`). */
export const VENV_BIN = path.resolve(__dirname, '..', '..', '.venv', 'bin');

/** Path of a tool inside .venv; fails loudly (never skips) when the environment is missing. */
export function venvTool(name: string): string {
  const tool = path.join(VENV_BIN, name);
  if (!fs.existsSync(tool)) {
    throw new Error(`${tool} is missing: run scripts/ensure-test-tools.sh (npm test does it before jest)`);
  }
  return tool;
}
