import type { EnvironmentConfig } from './types';

/**
 * The environments this repository deploys. Fork, then replace the accounts, repository and e-mails with yours;
 * docs/configuration.md explains every field.
 */
export const ENVIRONMENTS: readonly EnvironmentConfig[] = [
  {
    name: 'dev',
    accountId: '111111111111',
    region: 'eu-west-1',
    namePrefix: 'logfed',
    githubRepository: 'example-org/logfed',
    githubRepositoryId: '700000001',
    githubOwnerId: '90000001',
    breakGlassRoleName: 'logfed-break-glass',
    adminEmails: ['platform-dev@example.com'],
    orchestrator: 'stepfunctions',
    chunking: { sliceMultiple: 2, targetSizeMb: 64 },
    forwarders: {},
    retention: { logGroupDays: 365, infrequentAccessAfterDays: 30, glacierAfterDays: 90, expireAfterDays: 400 },
    network: { mode: 'create', cidr: '10.40.0.0/16' },
    warehouse: { kind: 'serverless' },
    tags: { CostCenter: 'platform' },
  },
  {
    name: 'prod',
    accountId: '222222222222',
    region: 'eu-west-1',
    namePrefix: 'logfed',
    githubRepository: 'example-org/logfed',
    githubRepositoryId: '700000001',
    githubOwnerId: '90000001',
    breakGlassRoleName: 'logfed-break-glass',
    adminEmails: ['platform@example.com', 'security@example.com'],
    orchestrator: 'stepfunctions',
    chunking: { sliceMultiple: 4, targetSizeMb: 256 },
    forwarders: {
      splunk: { endpoint: 'https://splunk.example.com:8088', secretName: 'logfed/prod/splunk-hec' },
      opensearch: { endpoint: 'https://search.example.com', secretName: 'logfed/prod/opensearch' },
    },
    retention: {
      logGroupDays: 731,
      infrequentAccessAfterDays: 30,
      glacierAfterDays: 180,
      expireAfterDays: 2557,
      objectLock: { mode: 'governance', days: 731 },
    },
    network: {
      mode: 'existing',
      vpcId: 'vpc-0a1b2c3d4e5f60718',
      subnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-0f1e2d3c4b5a69788'],
    },
    warehouse: { kind: 'provisioned', nodeType: 'ra3.large', nodes: 2 },
    tags: { CostCenter: 'platform', DataClassification: 'confidential' },
  },
];
