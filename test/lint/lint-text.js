// Lints stdin as the file named by argv[2] with the project's ESLint configuration and prints the results.
// Runs as its own Node process because ESLint loads eslint.config.mjs with a dynamic import, which jest's
// module sandbox does not support.
const path = require('node:path');
const { ESLint } = require('eslint');

async function main() {
  const root = path.resolve(__dirname, '..', '..');
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs') });
  const results = await eslint.lintText(Buffer.concat(chunks).toString('utf8'), {
    filePath: path.resolve(root, process.argv[2]),
  });
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
