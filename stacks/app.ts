import { App, DISABLE_STACK_TRACE_IN_METADATA } from 'cdktf';
import { BootstrapStack } from './bootstrap-stack';
import { validateEnvironments } from './config/validate';
import { IntelligenceStack } from './intelligence-stack';
import { LogArchiveStack } from './log-archive-stack';
import { committedExceptions } from './policy/exceptions';
import { BASELINE_PACK } from './policy/pack';
import { PolicyGate } from './policy/policy-gate';
import type { PolicyException } from './policy/types';

export interface LogfedAppOptions {
  /** Where synth writes manifest.json and stacks/<id>/cdk.tf.json. @default $CDKTF_OUTDIR, else cdktf.out */
  readonly outdir?: string;
  /** Accepted policy violations. @default stacks/policy/policy-exceptions.json */
  readonly exceptions?: readonly PolicyException[];
}

/**
 * The whole topology: for every environment the bootstrap, log-archive and intelligence stacks, each depending
 * on the one before, every role bounded by the environment's permissions boundary, all under the policy gate.
 * Throws InvalidConfigError before building anything if an environment is wrong.
 */
export function buildApp(environments: unknown, options: LogfedAppOptions = {}): App {
  const envs = validateEnvironments(environments);
  // Annotations (accepted policy exceptions) go into manifest.json; without stack traces it stays reproducible.
  const app = new App({ outdir: options.outdir, context: { [DISABLE_STACK_TRACE_IN_METADATA]: true } });
  for (const env of envs) {
    const bootstrap = new BootstrapStack(app, env);
    const archive = new LogArchiveStack(app, env);
    archive.addDependency(bootstrap);
    new IntelligenceStack(app, env).addDependency(archive);
  }
  new PolicyGate(BASELINE_PACK, options.exceptions ?? committedExceptions(BASELINE_PACK)).protect(app);
  return app;
}

/** The reason synth failed, without cdktf's advice to pass `skipValidation` (that would switch the policy gate off). */
export function synthFailureMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const advice = /skipValidation|^\s*Validations allow for dynamic verification/;
  return message
    .split('\n')
    .filter((line) => !advice.test(line))
    .join('\n')
    .trim();
}
