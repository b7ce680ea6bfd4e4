import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/** Before any test: make sure the pinned Python tools (checkov, moto, pyspark) are installed. Never skip. */
export default function globalSetup(): void {
  execFileSync(path.resolve(__dirname, '..', 'scripts', 'ensure-python-tools.sh'), { stdio: 'inherit' });
}
