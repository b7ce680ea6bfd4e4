import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { transpileProject } = require('../../scripts/transpile.js') as {
  transpileProject: (root: string) => { compiled: string[] };
};

let project: string;

/** A small project laid out like this one: sources under two folders, a JSON import, a test to leave alone. */
function writeProject(): void {
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    fs.writeFileSync(path.join(project, file), text);
  };
  write(
    'tsconfig.build.json',
    JSON.stringify({ compilerOptions: { outDir: 'dist' }, include: ['src/**/*.ts', 'app/**/*.ts'] }),
  );
  write('data/names.json', '{"greeting":"hello"}');
  write(
    'src/greet.ts',
    "import names from '../data/names.json';\nexport const greet = (who: string): string => `${names.greeting} ${who}`;\n",
  );
  write('src/greet.test.ts', 'this is not compiled');
  write(
    'app/main.ts',
    "import { greet } from '../src/greet';\nclass Box { readonly value = greet('app'); }\nconsole.log(new Box().value);\n",
  );
}

/** Moves a file's modification time forward, as an editor saving it does. */
function touchLater(file: string): void {
  const later = new Date(Date.now() + 5000);
  fs.utimesSync(path.join(project, file), later, later);
}

beforeEach(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-transpile-'));
  writeProject();
});
afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

describe('scripts/transpile.js (the edit loop of npm run synth and npm start)', () => {
  it('compiles every source the build config includes, with the JSON it imports, into a runnable dist/', () => {
    expect(transpileProject(project).compiled.sort()).toEqual(['app/main.ts', 'data/names.json', 'src/greet.ts']);
    expect(fs.existsSync(path.join(project, 'dist/src/greet.test.js'))).toBe(false);
    expect(fs.existsSync(path.join(project, 'dist/src/greet.js.map'))).toBe(true);
    const run = spawnSync(process.execPath, [path.join(project, 'dist/app/main.js')], { encoding: 'utf8' });
    expect(run.stdout).toBe('hello app\n');
  });

  it('after an edit compiles only the edited file, and nothing when nothing changed', () => {
    transpileProject(project);
    expect(transpileProject(project).compiled).toEqual([]);
    fs.appendFileSync(path.join(project, 'src/greet.ts'), '// edited\n');
    touchLater('src/greet.ts');
    expect(transpileProject(project).compiled).toEqual(['src/greet.ts']);
  });

  it('does not type-check: the type-checker stays in npm run typecheck and npm test', () => {
    fs.writeFileSync(path.join(project, 'src/greet.ts'), 'export const greet = (who: number): string => who;\n');
    expect(transpileProject(project).compiled).toContain('src/greet.ts');
  });

  it('is what npm run synth and npm start build with, instead of a full tsc build', () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    for (const name of ['synth', 'start']) {
      expect([name, scripts[name]]).toEqual([name, expect.stringMatching(/^node scripts\/transpile\.js && /)]);
      expect(scripts[`pre${name}`]).toBeUndefined();
    }
    expect(scripts.typecheck).toMatch(/^tsc --noEmit/);
    expect(scripts.pretest).toContain('npm run build');
  });
});
