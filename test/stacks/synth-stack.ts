import { Testing, type App, type TerraformStack } from 'cdktf';
import { ENVIRONMENTS } from '../../stacks/config/environments';
import type { EnvironmentConfig } from '../../stacks/config/types';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One of the committed example environments: `dev` (Step Functions, created VPC, Serverless) or `prod`. */
export const environment = (name: string): EnvironmentConfig => ENVIRONMENTS.find((env) => env.name === name)!;

/** One stack synthesized alone: the text for the toHave…WithProperties matchers, and its parsed JSON. */
export function synthStack(build: (app: App) => TerraformStack): { text: string; json: Json } {
  const text = Testing.synth(build(Testing.app()));
  return { text, json: JSON.parse(text) as Json };
}

/** Every block of one type, under `resource` or `data`. */
export const blocks = (json: Json, type: string, kind = 'resource'): Json[] =>
  Object.values((json[kind]?.[type] ?? {}) as Json) as Json[];
