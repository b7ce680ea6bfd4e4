import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { ESLint } from 'eslint';

/** Lints a snippet as if it were a stack file, with the project's own ESLint configuration (ESLint's Node API). */
function lintStackSnippet(code: string): ESLint.LintResult {
  const output = execFileSync(process.execPath, [path.join(__dirname, 'lint-text.js'), 'stacks/lint-probe.ts'], {
    input: code,
  });
  const [result] = JSON.parse(output.toString('utf8')) as ESLint.LintResult[];
  return result;
}

describe('the provider import rule', () => {
  it('rejects importing @cdktf/provider-aws from its package root', () => {
    const result = lintStackSnippet(
      "import { s3Bucket } from '@cdktf/provider-aws';\nexport const B = s3Bucket.S3Bucket;\n",
    );
    expect(result.messages.map((m) => [m.ruleId, m.severity, m.line])).toEqual([['no-restricted-imports', 2, 1]]);
    expect(result.messages[0].message).toContain("'@cdktf/provider-aws/lib/s3-bucket'");
  });

  it('rejects a namespace import of the package root too', () => {
    const result = lintStackSnippet("import * as aws from '@cdktf/provider-aws';\nexport const A = aws;\n");
    expect(result.messages.map((m) => m.ruleId)).toEqual(['no-restricted-imports']);
  });

  it('accepts a deep import of one resource module', () => {
    const result = lintStackSnippet(
      "import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';\nexport const B = S3Bucket;\n",
    );
    expect(result.messages).toEqual([]);
  });
});
