import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attackIdsOf, STRATUS_TECHNIQUES } from '../../src/rules/catalog';
import { compileRule, RULES, ruleMatches } from '../../src/rules/engine';
import { assumedRole, awsService } from '../../src/rules/testing';
import { PIPELINE_ROLE_PREFIX } from '../../src/rules/trusted-automation';

const CIS: { control: string; filterPattern: string }[] = JSON.parse(
  readFileSync(join(__dirname, '../../reference/cis-cloudwatch-metric-filters.json'), 'utf8'),
).controls;
const TECHNIQUES = STRATUS_TECHNIQUES;
/** Helper modules beside the rules. */
const NOT_RULES = ['metric.ts', 'events.ts'];

const KNOWN_REFERENCES = new Set([
  ...CIS.map((c) => `cis:${c.control}`),
  ...TECHNIQUES.map((t) => `stratus:${t.technique}`),
  ...TECHNIQUES.flatMap((t) => attackIdsOf(t).map((id) => `attack:${id}`)),
  'pipeline:emr',
  'pipeline:stepfunctions',
  'pipeline:datapipeline',
  'pipeline:redshift',
]);

describe('the rule registry', () => {
  it('has unique ids, each naming a file under src/rules/<source>/', () => {
    const ids = RULES.map((rule) => rule.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const rule of RULES) expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('holds exactly the rule files under src/rules/<source>/, each named after its rule id', () => {
    const rulesDir = join(__dirname, '../../src/rules');
    const files = ['cis', 'cloudtrail', 'pipeline'].flatMap((source) =>
      readdirSync(join(rulesDir, source))
        .filter((name) => name.endsWith('.ts') && !NOT_RULES.includes(name))
        .map((name) => name.replace(/\.ts$/, '')),
    );
    expect([...files].sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });

  it('references only known CIS controls, Stratus techniques, ATT&CK ids and pipeline parts', () => {
    const unknown = RULES.flatMap((rule) =>
      rule.references.filter((r) => !KNOWN_REFERENCES.has(r)).map((r) => `${rule.id}: ${r}`),
    );
    expect(unknown).toEqual([]);
  });

  it('gives each rule referencing a technique the ATT&CK ids of that technique', () => {
    const missing = RULES.flatMap((rule) =>
      TECHNIQUES.filter((t) => rule.references.includes(`stratus:${t.technique}`)).flatMap((t) =>
        attackIdsOf(t)
          .filter((id) => !rule.references.includes(`attack:${id}`))
          .map((id) => `${rule.id}: attack:${id} (${t.technique})`),
      ),
    );
    expect(missing).toEqual([]);
  });

  it('covers every documented Stratus AWS technique', () => {
    const covered = new Set(RULES.flatMap((rule) => rule.references));
    expect(TECHNIQUES).toHaveLength(44);
    expect(TECHNIQUES.map((t) => t.technique).filter((id) => !covered.has(`stratus:${id}`))).toEqual([]);
  });

  it('holds the 14 CIS patterns verbatim with their metric', () => {
    for (const control of CIS) {
      const rules = RULES.filter((rule) => rule.references.includes(`cis:${control.control}`));
      expect(rules.map((rule) => rule.filterPattern)).toEqual([control.filterPattern]);
      expect(rules[0].metric).toEqual({ namespace: 'LogMetrics', name: expect.stringMatching(/^[A-Z][A-Za-z0-9]+$/) });
    }
  });

  it('gives every rule at least one positive and one negative event', () => {
    for (const rule of RULES) {
      expect([rule.id, rule.positives.length > 0, rule.negatives.length > 0]).toEqual([rule.id, true, true]);
    }
  });
});

describe.each(RULES.map((rule) => [rule.id, rule] as const))('rule %s', (_id, rule) => {
  const compiled = compileRule(rule);

  it.each(rule.positives.map((event, i) => [i, event] as const))('matches its positive event #%i', (_i, event) => {
    expect(ruleMatches(compiled, event)).toBe(true);
  });

  it.each(rule.negatives.map((event, i) => [i, event] as const))('ignores its negative event #%i', (_i, event) => {
    expect(ruleMatches(compiled, event)).toBe(false);
  });

  if (!rule.includeTrustedAutomation) {
    it('stays quiet when an AWS service or a pipeline role does the same', () => {
      const pipelineRole = assumedRole(`${PIPELINE_ROLE_PREFIX}emr-job`);
      for (const event of rule.positives) {
        expect(ruleMatches(compiled, { ...event, userIdentity: awsService('cloudformation') })).toBe(false);
        expect(ruleMatches(compiled, { ...event, userIdentity: pipelineRole })).toBe(false);
      }
    });
  }

  it('never throws on an event missing every field', () => {
    expect(() => ruleMatches(compiled, {})).not.toThrow();
    expect(() => ruleMatches(compiled, { eventName: 'x', requestParameters: null, userIdentity: null })).not.toThrow();
  });
});
