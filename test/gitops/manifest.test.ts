import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stacks, StacksCommandOptions } from '../../src/cli/commands/stacks';
import { runCommand } from '../../src/cli/run';
import { readManifest } from '../../src/gitops/manifest';
import { captureIo } from '../helpers/io';

/** A manifest shaped like the one cdktf writes: stacks by id with their folder and dependencies. */
function manifest(stackDeps: Record<string, string[]>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-manifest-'));
  const file = path.join(dir, 'manifest.json');
  const entries = Object.entries(stackDeps).map(([id, dependencies]) => [
    id,
    { name: id, workingDirectory: `stacks/${id}`, synthesizedStackPath: `stacks/${id}/cdk.tf.json`, dependencies },
  ]);
  fs.writeFileSync(file, JSON.stringify({ version: '0.21.0', stacks: Object.fromEntries(entries) }));
  return file;
}

async function run(options: Partial<StacksCommandOptions> & { manifest: string }) {
  const { io, out, err } = captureIo();
  const code = await runCommand('stacks', io, () => stacks({ format: 'lines', ...options }, io));
  return { code, out: out(), err: err() };
}

const APP = {
  'prod-log-archive': ['prod-bootstrap'],
  'dev-log-archive': ['dev-bootstrap'],
  'prod-bootstrap': [],
  'dev-bootstrap': [],
};

describe('readManifest', () => {
  it('orders stacks so every stack comes after the stacks it depends on', () => {
    const file = manifest(APP);
    expect(readManifest(file)).toEqual([
      { stack: 'dev-bootstrap', environment: 'dev', directory: path.join(path.dirname(file), 'stacks/dev-bootstrap') },
      {
        stack: 'dev-log-archive',
        environment: 'dev',
        directory: path.join(path.dirname(file), 'stacks/dev-log-archive'),
      },
      {
        stack: 'prod-bootstrap',
        environment: 'prod',
        directory: path.join(path.dirname(file), 'stacks/prod-bootstrap'),
      },
      {
        stack: 'prod-log-archive',
        environment: 'prod',
        directory: path.join(path.dirname(file), 'stacks/prod-log-archive'),
      },
    ]);
  });

  it('puts a dependency first even when its id sorts later', () => {
    const file = manifest({ 'dev-a': ['dev-z'], 'dev-z': [] });
    expect(readManifest(file).map((s) => s.stack)).toEqual(['dev-z', 'dev-a']);
  });

  it('refuses a cycle, an unknown dependency and a missing manifest with a clear message', () => {
    expect(() => readManifest(manifest({ 'dev-a': ['dev-b'], 'dev-b': ['dev-a'] }))).toThrow(
      /stack dependencies form a cycle through "dev-a"/,
    );
    expect(() => readManifest(manifest({ 'dev-a': ['dev-x'] }))).toThrow(/"dev-a" depends on a stack that is not in/);
    expect(() => readManifest('/nonexistent/manifest.json')).toThrow(/run `npm run synth` first/);
  });
});

describe('logfed stacks', () => {
  it('prints one stack per line for an environment, in apply order', async () => {
    expect(await run({ manifest: manifest(APP), env: 'prod' })).toEqual({
      code: 0,
      out: 'prod-bootstrap\nprod-log-archive\n',
      err: '',
    });
  });

  it('leaves out the bootstrap stacks for the apply workflow when asked', async () => {
    expect(await run({ manifest: manifest(APP), env: 'prod', withoutBootstrap: true })).toEqual({
      code: 0,
      out: 'prod-log-archive\n',
      err: '',
    });
  });

  it('prints a workflow matrix and the environments in order', async () => {
    const file = manifest(APP);
    const matrix = JSON.parse((await run({ manifest: file, format: 'matrix' })).out);
    expect(matrix[1]).toEqual({
      stack: 'dev-log-archive',
      environment: 'dev',
      directory: path.join(path.dirname(file), 'stacks/dev-log-archive'),
    });
    expect((await run({ manifest: file, format: 'environments' })).out).toBe('["dev","prod"]\n');
  });

  it('exits 2 naming the environments there are when the one asked for has no stacks', async () => {
    expect(await run({ manifest: manifest(APP), env: 'qa' })).toEqual({
      code: 2,
      out: '',
      err: 'logfed stacks: no stacks for environment "qa"\n  hint: environments in the manifest: dev, prod\n',
    });
  });
});
