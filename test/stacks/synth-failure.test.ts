import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { synthFailureMessage } from '../../stacks/app';
import { BASELINE_PACK } from '../../stacks/policy/pack';
import { PolicyGate } from '../../stacks/policy/policy-gate';
import type { PolicyException } from '../../stacks/policy/types';

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-failure-'));
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

/** Synthesizes one stack with an SNS topic under the gate and returns the message synth would print. */
function failureOf(topic: { kmsMasterKeyId?: string }, exceptions: PolicyException[]): string {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'dev-log-archive');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new SnsTopic(stack, 'alerts', topic);
  new PolicyGate(BASELINE_PACK, exceptions).protect(app);
  try {
    app.synth();
  } catch (error) {
    return synthFailureMessage(error);
  }
  throw new Error('synth did not fail');
}

describe('synthFailureMessage', () => {
  it('keeps the violations of a stack and drops the advice to skip validation', () => {
    expect(failureOf({}, [])).toBe(
      'Validation failed with the following errors:\n  [dev-log-archive] [policy:topic-kms] dev-log-archive/alerts: kms_master_key_id is not set',
    );
  });

  it('keeps a stale exception and drops the advice to skip validation', () => {
    const stale = { rule: 'topic-kms', resource: 'dev-log-archive/alerts', reason: 'the topic is encrypted by now' };
    expect(failureOf({ kmsMasterKeyId: 'alias/logs' }, [stale])).toBe(
      'App-level validation failed with the following errors:\n  [policy:topic-kms] exception for dev-log-archive/alerts matches no violation; remove it from stacks/policy/policy-exceptions.json',
    );
  });
});
