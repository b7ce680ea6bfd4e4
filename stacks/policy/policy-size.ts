import type { StackView } from './stack-view';
import type { SynthesizedBlock } from './types';

/**
 * IAM's size quotas (IAM user guide, "IAM and AWS STS quotas"). The policy lengths cannot be raised; the trust
 * policy length and the managed policies per role are the adjustable defaults.
 */
export const IAM_QUOTAS = {
  /** Characters of one customer managed policy (a permissions boundary is one). */
  managedPolicy: 6144,
  /** Characters of all inline policies of one role together. */
  roleInlinePolicies: 10240,
  /** Characters of a role's trust policy (default; adjustable to 4,096). */
  roleTrustPolicy: 2048,
  /** Managed policies attached to one role (default; adjustable to 20). The permissions boundary does not count. */
  managedPoliciesPerRole: 10,
} as const;

type Json = Record<string, unknown>;

/**
 * Characters IAM counts in a policy document: every character but white space outside JSON strings ("IAM does not
 * count white space"). White space inside strings is counted, which never under-counts.
 */
export function policyCharacters(json: string): number {
  let count = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      count++;
      if (c === '\\') {
        count++;
        i++;
      } else if (c === '"') inString = false;
    } else if (c === '"') {
      count++;
      inString = true;
    } else if (!/\s/.test(c)) count++;
  }
  return count;
}

/**
 * The minified JSON the AWS provider renders for an `aws_iam_policy_document` (its `minified_json`, which `json`
 * only indents): `Version`, `Statement` with `Sid`, `Effect` (default Allow), `Action`/`NotAction`,
 * `Resource`/`NotResource`, `Principal`/`NotPrincipal` as a map of type to identifiers (`"*"` for type `*`), and
 * `Condition` as test → variable → values. Action, resource and identifier lists are sets (duplicates dropped) and
 * a one-element list becomes a string, as the provider does. Terraform interpolations are left in place.
 */
export function renderPolicyDocument(config: Readonly<Json>): string {
  const unsupported = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'].filter(
    (key) => config[key] !== undefined,
  );
  if (unsupported.length > 0) throw new Error(`cannot render ${unsupported.join(', ')}`);
  const statements = ((config.statement ?? []) as Json[]).map(renderStatement);
  const document: Json = { Version: (config.version as string | undefined) ?? '2012-10-17' };
  if (config.policy_id !== undefined) document.Id = config.policy_id;
  if (statements.length > 0) document.Statement = statements;
  return goJson(document);
}

function renderStatement(s: Json): Json {
  const out: Json = {};
  if (s.sid) out.Sid = s.sid;
  out.Effect = (s.effect as string | undefined) ?? 'Allow';
  const put = (key: string, value: unknown) => {
    const set = stringSet(value);
    if (set.length > 0) out[key] = set.length === 1 ? set[0] : set.sort().reverse();
  };
  put('Action', s.actions);
  put('NotAction', s.not_actions);
  put('Resource', s.resources);
  put('NotResource', s.not_resources);
  const principals = renderPrincipals(s.principals);
  if (principals !== undefined) out.Principal = principals;
  const notPrincipals = renderPrincipals(s.not_principals);
  if (notPrincipals !== undefined) out.NotPrincipal = notPrincipals;
  const conditions = ((s.condition ?? []) as Json[]).filter(
    (c, i, all) => all.findIndex((other) => JSON.stringify(other) === JSON.stringify(c)) === i,
  );
  if (conditions.length > 0) {
    const byTest: Record<string, Record<string, string[]>> = {};
    for (const c of conditions) {
      const variables = (byTest[c.test as string] ??= {});
      (variables[c.variable as string] ??= []).push(...((c.values ?? []) as unknown[]).map(String));
    }
    out.Condition = Object.fromEntries(
      Object.entries(byTest).map(([test, variables]) => [
        test,
        Object.fromEntries(
          Object.entries(variables).map(([variable, values]) => [variable, values.length === 1 ? values[0] : values]),
        ),
      ]),
    );
  }
  return out;
}

function renderPrincipals(value: unknown): unknown {
  const principals = (value ?? []) as Json[];
  if (principals.length === 0) return undefined;
  if (principals.length === 1) {
    const ids = stringSet(principals[0].identifiers);
    if (principals[0].type === '*' && ids.length === 1 && ids[0] === '*') return '*';
  }
  const byType: Record<string, string | string[]> = {};
  for (const p of principals) {
    const ids = stringSet(p.identifiers);
    const type = p.type as string;
    const single = ids.length === 1 ? ids[0] : ids.sort().reverse();
    const existing = byType[type];
    byType[type] = existing === undefined ? single : [existing, single].flat();
  }
  return byType;
}

function stringSet(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return [...new Set((Array.isArray(value) ? value : [value]).map(String))];
}

/** JSON as Go's encoder writes it: sorted map keys don't change the size, but `<`, `>` and `&` become `\u003c`…. */
function goJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A Terraform interpolation in a policy string: its expression and where it sits. */
interface Interpolation {
  readonly expression: string;
  readonly start: number;
  readonly end: number;
}

/** The `${…}` interpolations of `text` (with nested braces), skipping the `$${` escape. */
function interpolations(text: string): Interpolation[] {
  const found: Interpolation[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] === '$' && text[i + 1] === '$' && text[i + 2] === '{') {
      i += 2;
      continue;
    }
    if (text[i] !== '$' || text[i + 1] !== '{') continue;
    let depth = 0;
    let j = i + 1;
    for (; j < text.length; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}' && --depth === 0) break;
    }
    found.push({ expression: text.slice(i + 2, j), start: i, end: j + 1 });
    i = j;
  }
  return found;
}

/** The size of a rendered policy once Terraform resolves it, or the interpolations it cannot bound. */
export interface PolicySize {
  /** Upper bound of the characters IAM counts, each interpolation replaced by the longest value it can take. */
  readonly characters: number;
  /** Interpolations with no known bound (the size is then unknown, not just large). */
  readonly unbounded: readonly string[];
}

/**
 * Bounds the size of `json` (a rendered policy with interpolations) once Terraform resolves it: each `${…}`
 * counts as the longest value `bound` allows; `$${` is Terraform's escape for a literal `${`.
 */
export function boundedSize(json: string, bound: (expression: string) => number | undefined): PolicySize {
  const unbounded: string[] = [];
  let resolved = '';
  let last = 0;
  for (const { expression, start, end } of interpolations(json)) {
    const length = bound(expression);
    if (length === undefined) unbounded.push(`\${${expression}}`);
    resolved += json.slice(last, start) + 'x'.repeat(length ?? 0);
    last = end;
  }
  resolved += json.slice(last);
  return { characters: policyCharacters(resolved.replaceAll('$${', '${')), unbounded };
}

/**
 * Length bounds of the things our policies interpolate, per provider: partition and region come from the
 * stack's AWS providers (the longest, when there are several; the longest AWS has, when one is not a literal);
 * account ids are 12 digits.
 */
export interface ArnContext {
  readonly partition: number;
  readonly region: number;
}

/** Longest AWS partition name (`aws-us-gov`) and region name (`ap-southeast-7`, `ap-northeast-3`…). */
export const LONGEST = { partition: 'aws-us-gov'.length, region: 'ap-southeast-7'.length, account: 12 } as const;

export function arnContext(view: StackView): ArnContext {
  const regions = view.providers('aws').map((provider) => provider.region);
  if (regions.length === 0 || regions.some((region) => typeof region !== 'string' || region.includes('${')))
    return { partition: LONGEST.partition, region: LONGEST.region };
  const partitionOf = (region: string) =>
    region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return {
    partition: Math.max(...(regions as string[]).map((r) => partitionOf(r).length)),
    region: Math.max(...(regions as string[]).map((r) => r.length)),
  };
}

/** The length of a literal attribute, `unset` when it is absent, `max` when Terraform computes it. */
function literal(config: Readonly<Json>, attribute: string, max: number, unset = max): number {
  const value = config[attribute];
  if (value === undefined || value === null) return unset;
  return typeof value === 'string' && !value.includes('${') ? value.length : max;
}

/** Length of `arn:<partition>:<service>:<region>:<account>:` plus `rest`; IAM and S3 leave out region or both. */
type Arn = (service: string, rest: number, scope?: 'regional' | 'global' | 'none') => number;
type AttributeBound = (config: Readonly<Json>, arn: Arn) => number;

/** An IAM path: `/` when unset, at most 512 characters. */
const iamPath = (c: Readonly<Json>) => literal(c, 'path', 512, 1);

/**
 * Upper bounds of the attributes our policies reference, by resource type. A name set as a literal in the
 * synthesized JSON (ours are, from stacks/config/names.ts) counts at its length; a computed or generated one at
 * the longest name AWS accepts. Key ids are UUIDs (36 characters; multi-Region `mrk-` ids are as long).
 */
const ATTRIBUTE_BOUNDS: Readonly<Record<string, Readonly<Record<string, AttributeBound>>>> = {
  aws_s3_bucket: {
    arn: (c, arn) => arn('s3', literal(c, 'bucket', 63), 'none'),
    bucket: (c) => literal(c, 'bucket', 63),
    id: (c) => literal(c, 'bucket', 63),
  },
  aws_kms_key: {
    arn: (_, arn) => arn('kms', 'key/'.length + 36),
    key_id: () => 36,
    id: () => 36,
  },
  aws_kms_alias: { arn: (c, arn) => arn('kms', literal(c, 'name', 256)) },
  aws_iam_role: {
    arn: (c, arn) => arn('iam', 'role'.length + iamPath(c) + literal(c, 'name', 64), 'global'),
    name: (c) => literal(c, 'name', 64),
    id: (c) => literal(c, 'name', 64),
  },
  aws_iam_policy: {
    arn: (c, arn) => arn('iam', 'policy'.length + iamPath(c) + literal(c, 'name', 128), 'global'),
  },
  aws_iam_openid_connect_provider: {
    arn: (c, arn) => arn('iam', 'oidc-provider/'.length + literal(c, 'url', 255) - 'https://'.length, 'global'),
  },
  aws_sns_topic: { arn: (c, arn) => arn('sns', literal(c, 'name', 256)) },
  aws_sqs_queue: { arn: (c, arn) => arn('sqs', literal(c, 'name', 80)) },
  aws_cloudwatch_log_group: { arn: (c, arn) => arn('logs', 'log-group:'.length + literal(c, 'name', 512)) },
  aws_sfn_state_machine: { arn: (c, arn) => arn('states', 'stateMachine:'.length + literal(c, 'name', 80)) },
  aws_lambda_function: { arn: (c, arn) => arn('lambda', 'function:'.length + literal(c, 'function_name', 64)) },
  'data.aws_caller_identity': { account_id: () => LONGEST.account },
  'data.aws_partition': { partition: () => LONGEST.partition },
};

const REFERENCE = /^(data\.)?([a-z0-9_]+)\.([^.]+)\.([a-z_]+)$/;

/**
 * The longest value a reference (`aws_s3_bucket.x.arn`, `data.aws_caller_identity.c.account_id`) can resolve to
 * in `view`, or undefined for an expression or attribute without a bound here (add one to ATTRIBUTE_BOUNDS).
 */
export function referenceBound(expression: string, view: StackView, context = arnContext(view)): number | undefined {
  const ref = REFERENCE.exec(expression);
  if (!ref) return undefined;
  const [, data, type, name, attribute] = ref;
  if (data && type === 'aws_region' && (attribute === 'name' || attribute === 'region')) return context.region;
  const bound = ATTRIBUTE_BOUNDS[data ? `data.${type}` : type]?.[attribute];
  if (!bound) return undefined;
  const block = view.blocks.find((b) => b.kind === (data ? 'data' : 'resource') && b.type === type && b.name === name);
  const arn: Arn = (service, rest, scope = 'regional') =>
    `arn::${service}:::`.length +
    context.partition +
    (scope === 'regional' ? context.region : 0) +
    (scope === 'none' ? 0 : LONGEST.account) +
    rest;
  return bound(block?.config ?? {}, arn);
}

/** One policy document of a stack, sized. */
export interface SizedPolicy extends PolicySize {
  /** Construct path of the aws_iam_policy_document, or of the resource holding a JSON policy. */
  readonly document: string;
}

/**
 * Sizes the policy a resource attribute holds: a reference to an `aws_iam_policy_document` (`json` or
 * `minified_json`) or a JSON string (`jsonencode`), either with interpolations.
 */
export function sizePolicy(policy: unknown, holder: SynthesizedBlock, view: StackView): SizedPolicy | undefined {
  if (typeof policy !== 'string') return undefined;
  const context = arnContext(view);
  const bound = (expression: string) => referenceBound(expression, view, context);
  const ref = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.(json|minified_json)\}$/.exec(policy);
  if (ref) {
    const document = view.blocks.find(
      (b) => b.kind === 'data' && b.type === 'aws_iam_policy_document' && b.name === ref[1],
    );
    if (!document) return { document: policy, characters: 0, unbounded: [policy] };
    try {
      return { document: document.path, ...boundedSize(renderPolicyDocument(document.config), bound) };
    } catch (error) {
      return { document: document.path, characters: 0, unbounded: [(error as Error).message] };
    }
  }
  try {
    return { document: holder.path, ...boundedSize(goJson(JSON.parse(policy)), bound) };
  } catch {
    // Not JSON: an expression Terraform evaluates (jsonencode of computed values, file()…).
    return { document: holder.path, ...boundedSize(policy, bound) };
  }
}
