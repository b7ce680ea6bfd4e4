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

const JAVA_17 = '/usr/lib/jvm/java-17-openjdk-amd64';

/**
 * Java for tools that need 17 (Spark 4, OpenSearch 2, which also refuses 24+ for its security manager): the
 * Debian Java 17 when JAVA_HOME is unset and it exists, else `java` on PATH.
 */
export function javaHome(): { JAVA_HOME?: string } {
  if (process.env.JAVA_HOME || !fs.existsSync(JAVA_17)) return {};
  return { JAVA_HOME: JAVA_17 };
}
