import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { PLAN_COMMENT_MARKER } from '../../src/plan-summary';
import { venvTool } from '../helpers/tools';

const ROOT = path.resolve(__dirname, '..', '..');
const WORKFLOWS = path.join(ROOT, '.github', 'workflows');
const ACTION = path.join(ROOT, '.github', 'actions', 'log-digest', 'action.yml');
const FILES = fs.readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml'));

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}
interface Job {
  readonly 'runs-on': string;
  readonly permissions?: Record<string, string>;
  readonly environment?: string;
  readonly concurrency?: { group: string; 'cancel-in-progress': boolean };
  readonly strategy?: { 'max-parallel'?: number; 'fail-fast'?: boolean };
  readonly steps: readonly Step[];
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string>;
  readonly concurrency?: { group: string; 'cancel-in-progress': boolean };
  readonly env?: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

const text = (file: string) => fs.readFileSync(path.join(WORKFLOWS, file), 'utf8');
const workflow = (file: string) => parse(text(file)) as Workflow;
const action = parse(fs.readFileSync(ACTION, 'utf8')) as {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, unknown>;
  runs: { using: string; steps: Step[] };
};

interface LintFinding {
  readonly kind: string;
  readonly message: string;
  readonly filepath: string;
  readonly line: number;
}

/** actionlint's findings (shellcheck included) for workflow files, or for `stdin` linted as `broken.yml`. */
function actionlint(files: readonly string[], stdin?: string): LintFinding[] {
  const source = stdin === undefined ? files : ['-stdin-filename', 'broken.yml', '-'];
  const run = spawnSync(
    venvTool('actionlint'),
    ['-shellcheck', venvTool('shellcheck'), '-format', '{{json .}}', ...source],
    { cwd: ROOT, input: stdin, encoding: 'utf8' },
  );
  // Exit 1 means findings; anything else means actionlint itself could not run.
  if (run.status !== 0 && run.status !== 1) throw new Error(`actionlint exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as LintFinding[];
}

/** zizmor's findings (`<audit>: <description> (<file>:<line>)`) for workflow and action files; offline audits only. */
function zizmor(files: readonly string[]): string[] {
  const run = spawnSync(venvTool('zizmor'), ['--offline', '--format', 'json', ...files], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  // Findings give exit codes 10-14 with JSON on stdout; anything else means zizmor itself could not run.
  if (run.status !== 0 && !(run.status !== null && run.status >= 10)) {
    throw new Error(`zizmor exited ${run.status}: ${run.stderr}`);
  }
  const findings = JSON.parse(run.stdout) as {
    ident: string;
    desc: string;
    locations: {
      symbolic: { key: Record<string, Record<string, string>> };
      concrete: { location: { start_point: { row: number } } };
    }[];
  }[];
  return findings.map((f) => {
    const where = f.locations[0];
    const file = Object.values(Object.values(where.symbolic.key)[0])[0];
    return `${f.ident}: ${f.desc} (${path.basename(file)}:${where.concrete.location.start_point.row + 1})`;
  });
}

describe('workflows', () => {
  it('has the four workflows', () => {
    expect(FILES.sort()).toEqual(['apply.yml', 'drift.yml', 'nightly-digest.yml', 'plan.yml']);
  });

  it.each(FILES)('%s passes actionlint and shellcheck', (file) => {
    expect(actionlint([`.github/workflows/${file}`])).toEqual([]);
  });

  it.each(FILES)('%s takes the Node version from .nvmrc', (file) => {
    const setups = Object.values(workflow(file).jobs)
      .flatMap((job) => job.steps)
      .filter((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setups.length).toBeGreaterThan(0);
    for (const step of setups) expect(step.with?.['node-version-file']).toBe('.nvmrc');
  });

  it('tests pull requests on the lowest Node of package.json engines and on .nvmrc', () => {
    const engines = (
      JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }
    ).engines.node;
    const lowest = /^\^(\d+)\./.exec(engines)![1];
    const test = workflow('plan.yml').jobs.test as Job & {
      strategy: { matrix: { include: Record<string, string>[] } };
    };
    expect(test.strategy.matrix.include.map((entry) => entry['node-version'])).toEqual([lowest, '']);
    const setup = test.steps.find((step) => step.uses?.startsWith('actions/setup-node@'))!;
    expect(setup.with).toMatchObject({ 'node-version': '${{ matrix.node-version }}', 'node-version-file': '.nvmrc' });
    expect(fs.readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim()).toMatch(/^\d+$/);
  });

  it('validates every synthesized stack with terraform, without a backend, after uploading them', () => {
    const steps = workflow('plan.yml').jobs.synth.steps;
    const validate = steps.findIndex((step) => /terraform -chdir="\$dir" validate/.test(step.run ?? ''));
    expect(validate).toBeGreaterThan(steps.findIndex((step) => step.uses?.startsWith('actions/upload-artifact@')));
    expect(steps[validate].run).toContain('for dir in cdktf.out/stacks/*/');
    expect(steps[validate].run).toContain('init -backend=false -input=false');
    expect(steps[validate].env?.TF_PLUGIN_CACHE_DIR).toBe('${{ runner.temp }}/terraform-plugins');
    expect(steps.slice(0, validate).some((step) => step.uses?.startsWith('hashicorp/setup-terraform@'))).toBe(true);
  });

  it('every workflow and the log-digest action pass zizmor', () => {
    expect(zizmor([...FILES.map((f) => path.join(WORKFLOWS, f)), ACTION])).toEqual([]);
  });

  it('zizmor reports a dangerous trigger and a template injection (the check can fail)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-zizmor-'));
    try {
      const broken = path.join(dir, 'broken.yml');
      fs.writeFileSync(
        broken,
        'on: pull_request_target\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n' +
          '      - run: echo "${{ github.event.pull_request.title }}"\n',
      );
      expect(
        zizmor([broken])
          .map((finding) => finding.split(':')[0])
          .sort(),
      ).toEqual(['dangerous-triggers', 'template-injection']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('actionlint reports a broken expression and shellcheck an unquoted variable (the check can fail)', () => {
    const broken =
      'on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n' +
      '      - run: echo ${{ matrix.nope }}\n      - run: echo $HOME\n';
    expect(actionlint([], broken).map((finding) => finding.kind)).toEqual(['expression', 'shellcheck']);
  });

  it.each(FILES)('pins every action in %s to a full commit SHA with its version in a comment', (file) => {
    const uses = text(file)
      .split('\n')
      .filter((line) => /^\s*(- )?uses:/.test(line));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) {
      const target = line.replace(/^\s*(- )?uses:\s*/, '');
      if (target.startsWith('./')) continue;
      expect(target).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  it('pins each action to the same commit everywhere', () => {
    const pins = new Map<string, Set<string>>();
    for (const file of FILES) {
      for (const match of text(file).matchAll(/uses: ([\w.-]+\/[\w.-]+)@([0-9a-f]{40})/g)) {
        pins.set(match[1], (pins.get(match[1]) ?? new Set()).add(match[2]));
      }
    }
    expect(pins.size).toBeGreaterThanOrEqual(6);
    for (const [name, shas] of pins) expect({ name, shas: shas.size }).toEqual({ name, shas: 1 });
  });

  it.each(FILES)('%s installs no package once AWS credentials are in a job', (file) => {
    for (const [name, job] of Object.entries(workflow(file).jobs)) {
      const credentials = job.steps.findIndex((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
      if (credentials < 0) continue;
      const installsAfter = job.steps.slice(credentials).filter((s) => /\bnpm (ci|install|i)\b/.test(s.run ?? ''));
      expect({ job: name, installsAfter }).toEqual({ job: name, installsAfter: [] });
    }
  });

  it.each(FILES)('runs every job of %s on a fixed runner image, not a moving label', (file) => {
    for (const job of Object.values(workflow(file).jobs)) expect(job['runs-on']).toBe('ubuntu-24.04');
  });

  it.each(FILES)('%s grants nothing by default and each job only what its steps use', (file) => {
    const wf = workflow(file);
    expect(wf.permissions).toEqual({});
    for (const [name, job] of Object.entries(wf.jobs)) {
      const uses = (prefix: string) => job.steps.some((s) => s.uses?.startsWith(prefix));
      const runs = (pattern: RegExp) => job.steps.some((s) => pattern.test(s.run ?? ''));
      const needed: Record<string, string> = {};
      if (uses('actions/checkout@')) needed.contents = 'read';
      if (uses('aws-actions/configure-aws-credentials@')) needed['id-token'] = 'write';
      if (runs(/\$PR_NUMBER/)) needed['pull-requests'] = 'write';
      if (runs(/\bgh issue\b/)) needed.issues = 'write';
      expect({ job: name, permissions: job.permissions }).toEqual({ job: name, permissions: needed });
    }
  });

  it.each(FILES)('%s expands no expression inside a run script (values reach scripts through env)', (file) => {
    for (const job of Object.values(workflow(file).jobs)) {
      for (const step of job.steps) expect(step.run ?? '').not.toContain('${{');
    }
    expect(text(file)).not.toMatch(/run:[^\n]*\$\{\{\s*github\.event\./);
  });

  it.each(FILES.filter((f) => f !== 'nightly-digest.yml'))('%s pins Terraform 1.10 or later', (file) => {
    const version = workflow(file).env?.TERRAFORM_VERSION ?? '';
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    const [major, minor] = version.split('.').map(Number);
    expect(major > 1 || (major === 1 && minor >= 10)).toBe(true);
    for (const job of Object.values(workflow(file).jobs)) {
      for (const step of job.steps.filter((s) => s.uses?.startsWith('hashicorp/setup-terraform@'))) {
        expect(step.with).toMatchObject({
          terraform_version: '${{ env.TERRAFORM_VERSION }}',
          terraform_wrapper: false,
        });
      }
    }
  });
});

describe('plan.yml', () => {
  const wf = workflow('plan.yml');

  it('runs on pull requests and cancels a superseded run', () => {
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    expect(wf.concurrency).toEqual({
      group: 'plan-${{ github.event.pull_request.number }}',
      'cancel-in-progress': true,
    });
  });

  it('tests, synthesizes and runs checkov before planning each stack of the manifest', () => {
    const synth = wf.jobs.synth.steps.map((s) => s.run ?? '').join('\n');
    expect(synth).toContain('npm run synth');
    expect(synth).toContain('.venv/bin/checkov --config-file .checkov.yaml --directory cdktf.out');
    expect(synth).toContain('logfed.js stacks --format matrix');
    expect(wf.jobs.test.steps.map((s) => s.run)).toContain('npm test');
    expect((wf.jobs.plan as unknown as { needs: string[] }).needs).toEqual(['test', 'synth']);
    const plan = wf.jobs.plan.steps.map((s) => s.run ?? '').join('\n');
    expect(plan).toContain('plan -input=false -lock=false -detailed-exitcode -out=tfplan');
    expect(wf.jobs.plan.steps.some((s) => s.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
  });

  it('plans without locking state, each environment through its <env>-plan GitHub environment', () => {
    const plan = wf.jobs.plan.steps.map((s) => s.run ?? '').join('\n');
    expect(plan).not.toMatch(/-lock-timeout|-lock=true/);
    expect(wf.jobs.plan.environment).toBe('${{ matrix.environment }}-plan');
  });

  it('refuses stacks that would run code in a plan before anything is planned or uploaded', () => {
    const steps = wf.jobs.synth.steps;
    const check = steps.findIndex((s) => s.run === 'node bin/logfed.js check-stacks');
    expect(check).toBeGreaterThan(steps.findIndex((s) => s.run === 'npm run synth'));
    expect(check).toBeLessThan(steps.findIndex((s) => s.uses?.startsWith('actions/upload-artifact@')));
  });

  it('posts one sticky comment found by the marker the plan summary writes', () => {
    const post = wf.jobs.report.steps.find((s) => s.env?.PR_NUMBER)!;
    expect(post.run).toContain(`marker='${PLAN_COMMENT_MARKER}'`);
    expect(post.run).toContain('--method PATCH');
    expect(post.env?.PR_NUMBER).toBe('${{ github.event.pull_request.number }}');
    const summary = wf.jobs.report.steps.map((s) => s.run ?? '').join('\n');
    expect(summary).toContain('plan-summary plans/ --limit summary >> "$GITHUB_STEP_SUMMARY"');
    expect(summary).toContain('plan-summary plans/ --limit comment --out plan-comment.md');
  });
});

describe('apply.yml', () => {
  const wf = workflow('apply.yml');
  type NeedsJob = Job & { needs: string | string[]; if?: string };

  it('runs on pushes to main, applies nothing but main, and never cancels a run in progress', () => {
    expect(wf.on.push).toEqual({ branches: ['main'] });
    expect((wf.jobs.synth as NeedsJob).if).toBe("${{ github.ref == 'refs/heads/main' }}");
    expect((wf.jobs.plan as NeedsJob).needs).toBe('synth');
    expect((wf.jobs.apply as NeedsJob).needs).toEqual(['synth', 'plan']);
    expect(wf.concurrency?.['cancel-in-progress']).toBe(false);
    expect(wf.jobs.synth.steps.map((s) => s.run)).toContain('node bin/logfed.js check-stacks');
  });

  it('applies one environment at a time, bound to its GitHub environment, never cancelled midway', () => {
    const apply = wf.jobs.apply;
    expect(apply.environment).toBe('${{ matrix.environment }}');
    expect(apply.concurrency).toEqual({
      group: 'apply-environment-${{ matrix.environment }}',
      'cancel-in-progress': false,
    });
    expect(apply.strategy).toMatchObject({ 'max-parallel': 1, 'fail-fast': true });
  });

  it('plans with the read-only plan role outside the environment and publishes each plan file with its SHA-256', () => {
    const plan = wf.jobs.plan;
    expect(plan.environment).toBeUndefined();
    const credentials = plan.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))!;
    expect(credentials.with?.['role-to-assume']).toBe(
      '${{ fromJSON(vars.LOGFED_PLAN_ROLE_ARNS)[matrix.environment] }}',
    );
    const script = plan.steps.map((s) => s.run ?? '').join('\n');
    expect(script).toContain('logfed.js stacks --env "$ENVIRONMENT" --without-bootstrap --format lines');
    expect(script).toContain('plan -input=false -lock=false -out="$PWD/plans/$stack.tfplan"');
    expect(script).toContain('sha256sum -- *.tfplan > SHA256SUMS');
    expect(script).toContain('cat plans/SHA256SUMS; echo \'```\'; } >> "$GITHUB_STEP_SUMMARY"');
    expect(plan.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!.with?.name).toBe(
      'tfplan-${{ matrix.environment }}',
    );
  });

  it('applies exactly the published plan files, hashes checked before any credential, and plans nothing itself', () => {
    const steps = wf.jobs.apply.steps;
    const check = steps.findIndex((s) => (s.run ?? '').includes('sha256sum --check --strict SHA256SUMS'));
    const credentials = steps.findIndex((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(check).toBeGreaterThanOrEqual(0);
    expect(check).toBeLessThan(credentials);
    expect(steps[credentials].with?.['role-to-assume']).toBe('${{ vars.LOGFED_APPLY_ROLE_ARN }}');
    const script = steps.map((s) => s.run ?? '').join('\n');
    expect(script).toContain('apply -input=false -lock-timeout=10m "$PWD/plans/$stack.tfplan"');
    expect(script).toContain('init -input=false -lockfile=readonly');
    expect(script).not.toMatch(/terraform[^\n]* plan /);
    expect(script).not.toContain('-auto-approve');
    expect(steps.some((s) => s.uses?.startsWith('actions/checkout@'))).toBe(false);
  });
});

describe('nightly-digest.yml', () => {
  const wf = workflow('nightly-digest.yml');

  it('runs on a schedule and on demand with a window', () => {
    expect(wf.on.schedule).toEqual([{ cron: '17 5 * * *' }]);
    const inputs = (wf.on.workflow_dispatch as { inputs: Record<string, unknown> }).inputs;
    expect(Object.keys(inputs)).toEqual(['hours', 'since', 'until']);
  });

  it('runs the local log-digest action with inputs the action declares', () => {
    const step = wf.jobs.digest.steps.find((s) => s.uses === './.github/actions/log-digest')!;
    expect(Object.keys(step.with ?? {}).every((name) => name in action.inputs)).toBe(true);
    expect(
      Object.entries(action.inputs)
        .filter(([, i]) => i.required)
        .map(([n]) => n),
    ).toEqual(['source']);
    expect(step.with?.source).toBe('${{ vars.LOGFED_DIGEST_SOURCE }}');
  });

  it('installs and builds with no install scripts before AWS credentials exist, and the action does not reinstall', () => {
    const steps = wf.jobs.digest.steps;
    const credentials = steps.findIndex((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    const install = steps.findIndex((s) => s.run === 'npm ci --ignore-scripts --no-audit --no-fund');
    expect(install).toBeGreaterThanOrEqual(0);
    expect(install).toBeLessThan(credentials);
    expect(steps.find((s) => s.uses === './.github/actions/log-digest')!.with?.build).toBe('false');
  });

  it('uploads the JSON report and opens or updates an issue only for high or critical findings', () => {
    expect(wf.jobs.digest.steps.some((s) => s.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
    const issue = wf.jobs['findings-issue'] as Job & { if: string };
    expect(issue.if).toContain("needs.digest.outputs.high-findings != '0'");
    expect(Object.keys(action.outputs)).toContain('high-findings');
  });
});

describe('drift.yml', () => {
  it('plans every stack on a schedule and keeps one issue for drifted stacks', () => {
    const wf = workflow('drift.yml');
    expect(Object.keys(wf.on)).toEqual(['schedule', 'workflow_dispatch']);
    const plan = wf.jobs.plan.steps.map((s) => s.run ?? '').join('\n');
    expect(plan).toContain('-detailed-exitcode');
    const report = wf.jobs.report.steps.map((s) => s.run ?? '').join('\n');
    expect(report).toMatch(/gh issue edit[\s\S]*gh issue create[\s\S]*gh issue close/);
  });
});

describe('CODEOWNERS', () => {
  const owners = fs
    .readFileSync(path.join(ROOT, '.github', 'CODEOWNERS'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.trim().split(/\s+/));

  it.each(['/.github/workflows/', '/.github/actions/', '/stacks/bootstrap*', '/stacks/policy/', '/.checkov.yaml'])(
    'requires a code owner for %s',
    (pattern) => {
      const entry = owners.find(([p]) => p === pattern);
      expect(entry?.slice(1).length).toBeGreaterThan(0);
    },
  );
});

describe('log-digest action', () => {
  it('is a composite action that builds the repository and runs the compiled entry', () => {
    expect(action.runs.using).toBe('composite');
    const scripts = action.runs.steps.map((s) => s.run ?? '').join('\n');
    expect(scripts).toContain('npm ci --ignore-scripts');
    const build = action.runs.steps.find((s) => (s.run ?? '').includes('npm ci'))! as Step & { if?: string };
    expect(build.if).toBe("${{ inputs.build == 'true' }}");
    expect(scripts).toContain('node dist/.github/actions/log-digest/main.js');
    for (const step of action.runs.steps) {
      expect(step.run ?? '').not.toContain('${{');
      expect(step.uses).toBeUndefined();
    }
    const env = action.runs.steps.find((s) => s.env?.INPUT_SOURCE)!.env!;
    // Every input but `build` (read by the build step's condition) reaches the entry point.
    expect(Object.keys(env).sort()).toEqual(
      Object.keys(action.inputs)
        .filter((n) => n !== 'build')
        .map((n) => `INPUT_${n.toUpperCase()}`)
        .sort(),
    );
  });
});
