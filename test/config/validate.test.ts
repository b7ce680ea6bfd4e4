import { ENVIRONMENTS } from '../../stacks/config/environments';
import { InvalidConfigError, validateEnvironments } from '../../stacks/config/validate';

type Mutable = Record<string, unknown>;

/** A deep copy of the example environments with one change applied to the named environment. */
function withChange(name: string, change: (env: Mutable) => void): unknown[] {
  const copy = JSON.parse(JSON.stringify(ENVIRONMENTS)) as Mutable[];
  change(copy.find((env) => env.name === name)!);
  return copy;
}

function problemsOf(input: unknown): string[] {
  try {
    validateEnvironments(input);
  } catch (error) {
    if (error instanceof InvalidConfigError)
      return error.problems.map((p) => `${p.environment}.${p.field}: ${p.problem}`);
    throw error;
  }
  return [];
}

describe('validateEnvironments', () => {
  it('accepts the committed dev and prod examples', () => {
    expect(validateEnvironments(ENVIRONMENTS).map((env) => env.name)).toEqual(['dev', 'prod']);
  });

  it.each([
    ['a missing field', 'prod', (env: Mutable) => delete env.region, 'prod.region: is missing'],
    [
      'a missing nested field',
      'dev',
      (env: Mutable) => delete (env.chunking as Mutable).targetSizeMb,
      'dev.chunking.targetSizeMb: is missing',
    ],
    [
      'a bad e-mail',
      'prod',
      (env: Mutable) => ((env.adminEmails as string[])[1] = 'security@'),
      'prod.adminEmails[1]: "security@" is not an e-mail address',
    ],
    [
      'no e-mail at all',
      'dev',
      (env: Mutable) => (env.adminEmails = []),
      'dev.adminEmails: must list at least one e-mail address',
    ],
    [
      'a bad account id',
      'dev',
      (env: Mutable) => (env.accountId = '12345'),
      'dev.accountId: "12345" must be exactly 12 digits',
    ],
    [
      'an unknown orchestrator',
      'dev',
      (env: Mutable) => (env.orchestrator = 'airflow'),
      'dev.orchestrator: unknown orchestrator "airflow"',
    ],
    [
      'a slice multiple below 1',
      'prod',
      (env: Mutable) => ((env.chunking as Mutable).sliceMultiple = 0),
      'prod.chunking.sliceMultiple: 0 must be a whole number from 1 to 4096',
    ],
    [
      'a chunk size beyond 1 GB',
      'prod',
      (env: Mutable) => ((env.chunking as Mutable).targetSizeMb = 2048),
      'prod.chunking.targetSizeMb: 2048 must be a whole number from 1 to 1024',
    ],
    ['a bad region', 'dev', (env: Mutable) => (env.region = 'Ireland'), 'dev.region: "Ireland" must be an AWS region'],
    [
      'a name prefix unfit for bucket names',
      'dev',
      (env: Mutable) => (env.namePrefix = 'Log_Fed'),
      'dev.namePrefix: "Log_Fed" must be 2-16 lowercase',
    ],
    [
      'a repository that is not owner/name',
      'dev',
      (env: Mutable) => (env.githubRepository = 'logfed'),
      'dev.githubRepository: "logfed" must be owner/name',
    ],
    [
      'a forwarder over plain HTTP',
      'prod',
      (env: Mutable) => ((env.forwarders as { splunk: Mutable }).splunk.endpoint = 'http://splunk:8088'),
      'prod.forwarders.splunk.endpoint: "http://splunk:8088" is not an https:// URL',
    ],
    [
      'a forwarder without a secret',
      'prod',
      (env: Mutable) => delete (env.forwarders as { opensearch: Mutable }).opensearch.secretName,
      'prod.forwarders.opensearch.secretName: is missing',
    ],
    [
      'an unknown forwarder',
      'dev',
      (env: Mutable) => ((env.forwarders as Mutable).kafka = {}),
      'dev.forwarders.kafka: unknown forwarder',
    ],
    [
      'a retention CloudWatch refuses',
      'dev',
      (env: Mutable) => ((env.retention as Mutable).logGroupDays = 100),
      'dev.retention.logGroupDays: 100 is not a CloudWatch Logs retention period',
    ],
    [
      'an S3 transition before 30 days',
      'dev',
      (env: Mutable) => ((env.retention as Mutable).infrequentAccessAfterDays = 7),
      'dev.retention.infrequentAccessAfterDays: 7 must be a whole number from 30',
    ],
    [
      'lifecycle steps out of order',
      'prod',
      (env: Mutable) => ((env.retention as Mutable).expireAfterDays = 100),
      'prod.retention.expireAfterDays: must be greater than glacierAfterDays (180)',
    ],
    [
      'a bad VPC id',
      'prod',
      (env: Mutable) => ((env.network as Mutable).vpcId = 'vpc-xyz'),
      'prod.network.vpcId: "vpc-xyz" must look like vpc-',
    ],
    [
      'a single subnet',
      'prod',
      (env: Mutable) => ((env.network as Mutable).subnetIds = ['subnet-0a1b2c3d4e5f60718']),
      'prod.network.subnetIds: must list at least two subnets',
    ],
    [
      'a bad CIDR',
      'dev',
      (env: Mutable) => ((env.network as Mutable).cidr = '10.40.0.0/8'),
      'dev.network.cidr: "10.40.0.0/8" is not an IPv4 CIDR between /16 and /24',
    ],
    [
      'an unknown network mode',
      'dev',
      (env: Mutable) => (env.network = { mode: 'peered' }),
      'dev.network.mode: unknown mode "peered"',
    ],
    [
      'a reserved tag key',
      'dev',
      (env: Mutable) => ((env.tags as Mutable)['aws:owner'] = 'x'),
      'dev.tags.aws:owner: the aws: prefix is reserved',
    ],
    [
      'a tag the stacks set',
      'dev',
      (env: Mutable) => ((env.tags as Mutable).ManagedBy = 'me'),
      'dev.tags.ManagedBy: is set by the stacks',
    ],
    [
      'a shared account',
      'prod',
      (env: Mutable) => (env.accountId = '111111111111'),
      'prod.accountId: "111111111111" is already used by dev',
    ],
    [
      'a repository id that is a name',
      'dev',
      (env: Mutable) => (env.githubRepositoryId = 'logfed'),
      'dev.githubRepositoryId: "logfed" must be the numeric repository id',
    ],
    [
      'a break-glass role name IAM refuses',
      'dev',
      (env: Mutable) => (env.breakGlassRoleName = 'break glass'),
      'dev.breakGlassRoleName: "break glass" is not an IAM role name',
    ],
    [
      'no break-glass role',
      'prod',
      (env: Mutable) => delete env.breakGlassRoleName,
      'prod.breakGlassRoleName: is missing',
    ],
    [
      'an unknown Object Lock mode',
      'prod',
      (env: Mutable) => ((env.retention as Mutable).objectLock = { mode: 'legal-hold', days: 30 }),
      'prod.retention.objectLock.mode: "legal-hold" must be one of governance, compliance',
    ],
    [
      'an Object Lock longer than the logs are kept',
      'prod',
      (env: Mutable) => ((env.retention as Mutable).objectLock = { mode: 'compliance', days: 3000 }),
      'prod.retention.objectLock.days: must not exceed expireAfterDays (2557)',
    ],
    [
      'a guardrail that is not a boolean',
      'dev',
      (env: Mutable) => (env.guardrails = { cloudTrailInsights: 'yes' }),
      'dev.guardrails.cloudTrailInsights: "yes" must be true or false',
    ],
    [
      'an unknown guardrail',
      'dev',
      (env: Mutable) => (env.guardrails = { macie: true }),
      'dev.guardrails.macie: unknown guardrail',
    ],
    ['a duplicate name', 'prod', (env: Mutable) => (env.name = 'dev'), 'dev.name: "dev" is already used by dev'],
  ])('rejects %s, naming the environment and the field', (_mistake, name, change, expected) => {
    const problems = problemsOf(withChange(name, change));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it('reports every problem at once, one line each', () => {
    const input = withChange('dev', (env) => {
      env.accountId = 'abc';
      env.orchestrator = 'cron';
    });
    expect(() => validateEnvironments(input)).toThrow(/dev\.accountId: .*\n {2}dev\.orchestrator: /);
  });

  it('rejects an empty list', () => {
    expect(problemsOf([])).toEqual(['(all).: expected a non-empty list of environments']);
  });
});
