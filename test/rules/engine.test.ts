import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileRule, findingsFor, RULES } from '../../src/rules/engine';
import { apiCall } from '../../src/rules/testing';
import type { Rule } from '../../src/rules/types';
import { SEVERITIES } from '../../src/summary/types';

const FIXTURES = join(__dirname, '../fixtures/stratus-red-team');

describe('findingsFor', () => {
  it('builds a finding with a stable id, the principal and the optional fields the event has', () => {
    const event = apiCall('cloudtrail', 'StopLogging', { eventID: 'e-1', awsRegion: 'us-east-1' });
    const findings = findingsFor(event, RULES, 's3://trail/key.json.gz');
    const finding = findings.find((f) => f.ruleId === 'cloudtrail-stopped');
    expect(finding).toEqual({
      id: 'cloudtrail-stopped:e-1',
      ruleId: 'cloudtrail-stopped',
      severity: 'critical',
      title: 'CloudTrail logging stopped',
      eventID: 'e-1',
      eventName: 'StopLogging',
      eventTime: '2026-11-27T10:00:00Z',
      principal: 'arn:aws:iam::111122223333:user/alice',
      sourceIPAddress: '203.0.113.10',
      awsRegion: 'us-east-1',
      recipientAccountId: '111122223333',
      references: ['stratus:aws.defense-evasion.cloudtrail-stop', 'attack:T1562.008'],
      object: 's3://trail/key.json.gz',
    });
    // CIS.5 watches the same call.
    expect(findings.map((f) => f.ruleId)).toEqual(['cis-cloudwatch-5', 'cloudtrail-stopped']);
  });

  it('leaves out optional fields the event lacks', () => {
    const event = apiCall('cloudtrail', 'StopLogging', { sourceIPAddress: undefined, awsRegion: undefined });
    const [finding] = findingsFor(event, RULES);
    expect(finding.ruleId).toBe('cis-cloudwatch-5');
    expect(['sourceIPAddress', 'awsRegion', 'object'].filter((key) => key in finding)).toEqual([]);
  });

  it('finds nothing in routine read-only traffic', () => {
    const reads = ['DescribeInstances', 'ListBuckets', 'GetObject', 'DescribeTrails', 'GetCallerIdentity'];
    for (const name of reads) expect(findingsFor(apiCall('ec2', name, { readOnly: true }))).toEqual([]);
  });

  it('gives the same findings with and without the eventName index', () => {
    const unindexed: Rule[] = RULES.map((rule) => ({ ...rule, filterPattern: undefined, predicate: matcherOf(rule) }));
    const events = RULES.flatMap((rule) => [...rule.positives, ...rule.negatives]);
    for (const event of events) {
      expect(findingsFor(event, RULES).map((f) => f.id)).toEqual(findingsFor(event, unindexed).map((f) => f.id));
    }
  });

  it('rejects a rule with an invalid pattern at compile time, naming the rule and position', () => {
    const broken: Rule = { ...RULES[0], id: 'broken', filterPattern: '{ $.eventName = }' };
    expect(() => findingsFor({}, [broken])).toThrow(
      'rule broken: invalid filter pattern: expected a value after "=" at position 17',
    );
  });
});

/** The rule's own pattern and predicate as one predicate, so the index cannot see its event names. */
function matcherOf(rule: Rule): Rule['predicate'] {
  const compiled = compileRule(rule);
  return (event) =>
    (compiled.matches ? compiled.matches(event) : true) && (rule.predicate ? rule.predicate(event) : true);
}

describe('real Stratus Red Team detonations', () => {
  const files = readdirSync(FIXTURES).filter((name) => name.endsWith('.json'));

  it('are all here', () => {
    expect(files).toHaveLength(16);
  });

  it.each(files)('%s raises a finding of at least medium from a rule for its technique', (file) => {
    const technique = file.replace(/\.json$/, '');
    const records = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Record<string, unknown>[];
    const findings = records.flatMap((record) => findingsFor(record, RULES, file));
    const forTechnique = findings.filter(
      (f) =>
        f.references.includes(`stratus:${technique}`) && SEVERITIES.indexOf(f.severity) >= SEVERITIES.indexOf('medium'),
    );
    expect(forTechnique.length).toBeGreaterThan(0);
  });
});
