import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildApp } from '../../stacks/app';
import { ENVIRONMENTS } from '../../stacks/config/environments';
import { checkStacks } from '../../src/cli/commands/check-stacks';
import { runCommand } from '../../src/cli/run';
import { unsafeToPlan } from '../../src/gitops/stack-guard';
import { captureIo } from '../helpers/io';

const awsOnly = {
  terraform: { required_providers: { aws: { source: 'aws', version: '6.25.0' } } },
  provider: { aws: [{ region: 'eu-west-1' }] },
  data: { aws_iam_policy_document: { d: {} } },
  resource: { aws_s3_bucket: { b: { bucket: 'b' } } },
};

describe('unsafeToPlan', () => {
  it('accepts a stack of AWS resources and data sources only', () => {
    expect(
      unsafeToPlan({ ...awsOnly, terraform: { required_providers: { aws: { source: 'hashicorp/aws' } } } }),
    ).toEqual([]);
  });

  it.each([
    [
      'an external data source',
      { ...awsOnly, data: { external: { run: { program: ['sh', '-c', 'env'] } } } },
      'data source type "external" may run code or reach the network',
    ],
    ['an http data source', { ...awsOnly, data: { http: { get: { url: 'x' } } } }, 'data source type "http"'],
    [
      'a provider from elsewhere',
      { ...awsOnly, terraform: { required_providers: { evil: { source: 'someone/evil' } } } },
      'required provider "evil" comes from "someone/evil"',
    ],
    ['a second provider block', { ...awsOnly, provider: { aws: [{}], null: [{}] } }, 'provider "null" is not the AWS'],
    [
      'a provisioner',
      { ...awsOnly, resource: { aws_s3_bucket: { b: { provisioner: [{ 'local-exec': { command: 'id' } }] } } } },
      'aws_s3_bucket.b has a provisioner',
    ],
    [
      'a non-AWS resource',
      { ...awsOnly, resource: { terraform_data: { t: {} } } },
      'resource type "terraform_data" is not an AWS resource',
    ],
    ['a module', { ...awsOnly, module: { m: { source: 'git::x' } } }, 'modules are not allowed'],
  ])('refuses %s', (_what, stack, finding) => {
    expect(unsafeToPlan(stack)).toEqual([expect.stringContaining(finding)]);
  });
});

describe('logfed check-stacks', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-guard-'));
  buildApp(ENVIRONMENTS, { outdir }).synth();
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
  const manifest = path.join(outdir, 'manifest.json');
  const run = async () => {
    const { io, err } = captureIo();
    const code = await runCommand('check-stacks', io, () => checkStacks({ manifest }, io));
    return { code, err: err() };
  };

  it('passes the synthesized app, then fails once a stack gains an external data source', async () => {
    expect(await run()).toEqual({ code: 0, err: '' });
    const file = path.join(outdir, 'stacks', 'dev-log-archive', 'cdk.tf.json');
    const stack = JSON.parse(fs.readFileSync(file, 'utf8')) as { data: Record<string, unknown> };
    stack.data.external = { leak: { program: ['sh', '-c', 'env'] } };
    fs.writeFileSync(file, JSON.stringify(stack));
    const { code, err } = await run();
    expect(code).toBe(1);
    expect(err).toContain('dev-log-archive: data source type "external" may run code or reach the network');
  });
});
