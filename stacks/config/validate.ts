import { OBJECT_LOCK_MODES, ORCHESTRATORS, type EnvironmentConfig } from './types';

/** Retention periods CloudWatch Logs accepts (days). */
const LOG_GROUP_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** Tags the stacks set themselves; the apply role's key permissions rely on `ManagedBy`. */
const STACK_TAGS = ['Environment', 'ManagedBy'];

const PATTERNS = {
  name: /^[a-z][a-z0-9]{1,9}$/,
  accountId: /^\d{12}$/,
  region: /^[a-z]{2}(-gov)?-[a-z]+-\d$/,
  namePrefix: /^[a-z][a-z0-9-]{0,14}[a-z0-9]$/,
  githubRepository: /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/,
  githubId: /^\d{1,20}$/,
  roleName: /^[\w+=,.@-]{1,64}$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  vpcId: /^vpc-[0-9a-f]{8,17}$/,
  subnetId: /^subnet-[0-9a-f]{8,17}$/,
  cidr: /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/,
};

/** One mistake in the configuration: which environment, which field, what is wrong. */
export interface ConfigProblem {
  readonly environment: string;
  readonly field: string;
  readonly problem: string;
}

/** Thrown when the environments do not validate; the message lists every problem, one per line. */
export class InvalidConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `Invalid environment configuration (stacks/config/environments.ts):\n` +
        problems.map((p) => `  ${p.environment}.${p.field}: ${p.problem}`).join('\n'),
    );
    this.name = 'InvalidConfigError';
  }
}

type Fields = Record<string, unknown>;

/** Checks the environments as plain values (they may come from a fork's edits or JSON) and returns them typed. */
export function validateEnvironments(input: unknown): EnvironmentConfig[] {
  const problems: ConfigProblem[] = [];
  if (!Array.isArray(input) || input.length === 0) {
    throw new InvalidConfigError([
      { environment: '(all)', field: '', problem: 'expected a non-empty list of environments' },
    ]);
  }
  input.forEach((raw, index) => {
    const env = isObject(raw) ? raw : {};
    const label = typeof env.name === 'string' && env.name ? env.name : `environments[${index}]`;
    const report = (field: string, problem: string) => problems.push({ environment: label, field, problem });
    checkEnvironment(env, report);
  });
  checkUnique(input, 'name', problems);
  checkUnique(input, 'accountId', problems);
  if (problems.length > 0) throw new InvalidConfigError(problems);
  return input as EnvironmentConfig[];
}

type Report = (field: string, problem: string) => void;

function checkEnvironment(env: Fields, report: Report): void {
  matches(env, 'name', PATTERNS.name, 'must be 2-10 lowercase letters or digits, starting with a letter', report);
  matches(env, 'accountId', PATTERNS.accountId, 'must be exactly 12 digits', report);
  matches(env, 'region', PATTERNS.region, 'must be an AWS region such as eu-west-1', report);
  matches(env, 'namePrefix', PATTERNS.namePrefix, 'must be 2-16 lowercase letters, digits or dashes', report);
  matches(env, 'githubRepository', PATTERNS.githubRepository, 'must be owner/name', report);
  matches(env, 'githubRepositoryId', PATTERNS.githubId, 'must be the numeric repository id', report);
  matches(env, 'githubOwnerId', PATTERNS.githubId, 'must be the numeric owner id', report);
  matches(
    env,
    'breakGlassRoleName',
    PATTERNS.roleName,
    'is not an IAM role name (1-64 of A-Z a-z 0-9 +=,.@_-)',
    report,
  );
  checkEmails(env.adminEmails, report);
  if (required(env, 'orchestrator', report) && !ORCHESTRATORS.includes(env.orchestrator as never)) {
    report(
      'orchestrator',
      `unknown orchestrator ${JSON.stringify(env.orchestrator)}; expected one of ${ORCHESTRATORS.join(', ')}`,
    );
  }
  checkChunking(section(env, 'chunking', report), report);
  checkForwarders(section(env, 'forwarders', report), report);
  checkRetention(section(env, 'retention', report), report);
  checkNetwork(section(env, 'network', report), report);
  checkTags(section(env, 'tags', report), report);
  checkGuardrails(env.guardrails, report);
}

function checkGuardrails(guardrails: unknown, report: Report): void {
  if (guardrails === undefined) return;
  if (!isObject(guardrails)) return report('guardrails', 'must be an object');
  for (const [key, value] of Object.entries(guardrails)) {
    if (key !== 'accountPublicAccessBlock' && key !== 'cloudTrailInsights')
      report(`guardrails.${key}`, 'unknown guardrail; expected accountPublicAccessBlock or cloudTrailInsights');
    else if (typeof value !== 'boolean') report(`guardrails.${key}`, `${JSON.stringify(value)} must be true or false`);
  }
}

function checkObjectLock(lock: unknown, expire: number | undefined, report: Report): void {
  if (lock === undefined) return;
  if (!isObject(lock)) return report('retention.objectLock', 'must be an object with mode and days');
  if (!OBJECT_LOCK_MODES.includes(lock.mode as never))
    report('retention.objectLock.mode', `${JSON.stringify(lock.mode)} must be one of ${OBJECT_LOCK_MODES.join(', ')}`);
  const days = integerIn(lock, 'retention.objectLock.days', 'days', 1, 36500, report);
  if (days !== undefined && expire !== undefined && days > expire)
    report('retention.objectLock.days', `must not exceed expireAfterDays (${expire}): locked versions cannot expire`);
}

function checkEmails(value: unknown, report: Report): void {
  if (value === undefined) return report('adminEmails', 'is missing');
  if (!Array.isArray(value) || value.length === 0)
    return report('adminEmails', 'must list at least one e-mail address');
  value.forEach((email, i) => {
    if (typeof email !== 'string' || !PATTERNS.email.test(email)) {
      report(`adminEmails[${i}]`, `${JSON.stringify(email)} is not an e-mail address`);
    }
  });
}

function checkChunking(chunking: Fields | undefined, report: Report): void {
  if (!chunking) return;
  integerIn(chunking, 'chunking.sliceMultiple', 'sliceMultiple', 1, 4096, report);
  integerIn(chunking, 'chunking.targetSizeMb', 'targetSizeMb', 1, 1024, report);
}

function checkForwarders(forwarders: Fields | undefined, report: Report): void {
  if (!forwarders) return;
  for (const [target, raw] of Object.entries(forwarders)) {
    const field = `forwarders.${target}`;
    if (target !== 'splunk' && target !== 'opensearch') {
      report(field, 'unknown forwarder; expected splunk or opensearch');
      continue;
    }
    if (!isObject(raw)) {
      report(field, 'must be an object with endpoint and secretName');
      continue;
    }
    if (required(raw, 'endpoint', report, `${field}.endpoint`) && !isHttpsUrl(raw.endpoint)) {
      report(`${field}.endpoint`, `${JSON.stringify(raw.endpoint)} is not an https:// URL`);
    }
    required(raw, 'secretName', report, `${field}.secretName`);
  }
}

function checkRetention(retention: Fields | undefined, report: Report): void {
  if (!retention) return;
  if (
    required(retention, 'logGroupDays', report, 'retention.logGroupDays') &&
    !LOG_GROUP_RETENTION_DAYS.includes(retention.logGroupDays as number)
  ) {
    report(
      'retention.logGroupDays',
      `${JSON.stringify(retention.logGroupDays)} is not a CloudWatch Logs retention period (${LOG_GROUP_RETENTION_DAYS.join(', ')})`,
    );
  }
  const ia = integerIn(
    retention,
    'retention.infrequentAccessAfterDays',
    'infrequentAccessAfterDays',
    30,
    36500,
    report,
  );
  const glacier = integerIn(retention, 'retention.glacierAfterDays', 'glacierAfterDays', 1, 36500, report);
  const expire = integerIn(retention, 'retention.expireAfterDays', 'expireAfterDays', 1, 36500, report);
  if (ia !== undefined && glacier !== undefined && glacier <= ia) {
    report('retention.glacierAfterDays', `must be greater than infrequentAccessAfterDays (${ia})`);
  }
  const outOfOrder = glacier !== undefined && expire !== undefined && expire <= glacier;
  if (outOfOrder) report('retention.expireAfterDays', `must be greater than glacierAfterDays (${glacier})`);
  checkObjectLock(retention.objectLock, outOfOrder ? undefined : expire, report);
}

function checkNetwork(network: Fields | undefined, report: Report): void {
  if (!network) return;
  if (network.mode === 'create') {
    const cidr = typeof network.cidr === 'string' ? PATTERNS.cidr.exec(network.cidr) : null;
    const valid =
      cidr && cidr.slice(1, 5).every((octet) => Number(octet) <= 255) && Number(cidr[5]) >= 16 && Number(cidr[5]) <= 24;
    if (!valid) report('network.cidr', `${JSON.stringify(network.cidr)} is not an IPv4 CIDR between /16 and /24`);
  } else if (network.mode === 'existing') {
    matches(network, 'vpcId', PATTERNS.vpcId, 'must look like vpc-0123456789abcdef0', report, 'network.vpcId');
    const subnets = network.subnetIds;
    if (!Array.isArray(subnets) || subnets.length < 2) {
      report('network.subnetIds', 'must list at least two subnets (in different availability zones)');
    } else {
      subnets.forEach((id, i) => {
        if (typeof id !== 'string' || !PATTERNS.subnetId.test(id))
          report(`network.subnetIds[${i}]`, `${JSON.stringify(id)} is not a subnet id`);
      });
    }
  } else {
    report('network.mode', `unknown mode ${JSON.stringify(network.mode)}; expected existing or create`);
  }
}

function checkTags(tags: Fields | undefined, report: Report): void {
  if (!tags) return;
  for (const [key, value] of Object.entries(tags)) {
    if (key.toLowerCase().startsWith('aws:')) report(`tags.${key}`, 'the aws: prefix is reserved by AWS');
    else if (STACK_TAGS.includes(key)) report(`tags.${key}`, 'is set by the stacks on every resource; remove it');
    else if (key.length > 128) report(`tags.${key}`, 'keys are at most 128 characters');
    if (typeof value !== 'string' || value.length > 256)
      report(`tags.${key}`, 'values are strings of at most 256 characters');
  }
}

function checkUnique(input: unknown[], key: 'name' | 'accountId', problems: ConfigProblem[]): void {
  const seen = new Map<unknown, string>();
  input.forEach((raw, index) => {
    const env = isObject(raw) ? raw : {};
    const value = env[key];
    if (value === undefined) return;
    const label = typeof env.name === 'string' ? env.name : `environments[${index}]`;
    const first = seen.get(value);
    if (first !== undefined) {
      const why =
        key === 'accountId'
          ? 'each environment needs its own account (the state bucket and GitHub OIDC provider are per account)'
          : 'names must be unique';
      problems.push({
        environment: label,
        field: key,
        problem: `${JSON.stringify(value)} is already used by ${first}; ${why}`,
      });
    } else {
      seen.set(value, label);
    }
  });
}

function required(obj: Fields, key: string, report: Report, field = key): boolean {
  const value = obj[key];
  if (value === undefined || value === null || value === '') {
    report(field, 'is missing');
    return false;
  }
  return true;
}

function matches(obj: Fields, key: string, pattern: RegExp, problem: string, report: Report, field = key): void {
  if (!required(obj, key, report, field)) return;
  const value = obj[key];
  if (typeof value !== 'string' || !pattern.test(value)) report(field, `${JSON.stringify(value)} ${problem}`);
}

function integerIn(
  obj: Fields,
  field: string,
  key: string,
  min: number,
  max: number,
  report: Report,
): number | undefined {
  if (!required(obj, key, report, field)) return undefined;
  const value = obj[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    report(field, `${JSON.stringify(value)} must be a whole number from ${min} to ${max}`);
    return undefined;
  }
  return value;
}

function section(env: Fields, key: string, report: Report): Fields | undefined {
  if (!required(env, key, report)) return undefined;
  const value = env[key];
  if (!isObject(value)) {
    report(key, 'must be an object');
    return undefined;
  }
  return value;
}

function isHttpsUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
