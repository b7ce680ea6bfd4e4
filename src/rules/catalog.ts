import stratus from '../../reference/stratus-aws-techniques.json';
import type { Rule } from './types';

/** A Stratus Red Team AWS technique as the reference file lists it. */
export interface StratusTechnique {
  readonly technique: string;
  readonly title: string;
  readonly tactics: readonly string[];
}

export const STRATUS_TECHNIQUES: readonly StratusTechnique[] = stratus.techniques;

/** ATT&CK ids written in a technique's tactics, e.g. `Impair Defenses: … (T1562.008)`. */
export function attackIdsOf(technique: StratusTechnique): string[] {
  return technique.tactics.flatMap((tactic) =>
    [...tactic.matchAll(/\((T\d{4}(?:\.[A-Z]?\d{3})?)\)/g)].map((m) => m[1]),
  );
}

const GENERATED = '<!-- Generated from src/rules/registry.ts by `npm run docs:detections`; do not edit by hand. -->';

/** The rule catalogue, `docs/detections.md`: every rule with severity, references and what it matches. */
export function detectionsMarkdown(rules: readonly Rule[]): string {
  const groups: [string, string, (rule: Rule) => boolean][] = [
    [
      'CIS AWS Foundations monitoring controls',
      'Patterns verbatim from AWS Security Hub; the monitoring stack also deploys each as a CloudWatch metric filter ' +
        '(namespace `LogMetrics`) with an alarm.',
      (rule) => rule.references.some((r) => r.startsWith('cis:')) && rule.metric !== undefined,
    ],
    [
      'Pipeline health',
      'Failures of the pipeline itself, from the normalized `logfed.pipeline` events the readers emit ' +
        '(`src/rules/pipeline/README.md`) or from EventBridge events.',
      (rule) => rule.references.some((r) => r.startsWith('pipeline:')),
    ],
    [
      'CloudTrail detections',
      'Attacker behaviour, each rule covering one or more Stratus Red Team techniques ' +
        '([coverage](stratus-coverage.md)).',
      () => true,
    ],
  ];
  const placed = new Set<Rule>();
  const sections = groups.map(([title, intro, belongs]) => {
    const members = rules.filter((rule) => !placed.has(rule) && belongs(rule));
    members.forEach((rule) => placed.add(rule));
    const rows = members.map(
      (rule) =>
        `| \`${rule.id}\` | ${rule.severity} | ${cell(rule.title)} | ${rule.references.map((r) => `\`${r}\``).join(' ')} | ${matchOf(rule)} |`,
    );
    return [
      `## ${title} (${members.length})`,
      '',
      intro,
      '',
      '| rule | severity | title | references | matches |',
      '|---|---|---|---|---|',
      ...rows,
    ].join('\n');
  });
  return [
    GENERATED,
    '',
    '# Detections',
    '',
    `${rules.length} rules, one file each under \`src/rules/<source>/<rule id>.ts\` with their own positive and ` +
      'negative test events. Severities follow the [severity model](severity-model.md); how patterns are ' +
      'evaluated: [decisions/detection-engine.md](decisions/detection-engine.md). Unless a rule says ' +
      'otherwise, calls by AWS service principals and by the pipeline\u2019s own `logfed-*` roles never match.',
    '',
    ...sections.flatMap((section) => [section, '']),
  ].join('\n');
}

/** The Stratus coverage table, `docs/stratus-coverage.md`: technique → the rules that reference it. */
export function stratusCoverageMarkdown(rules: readonly Rule[], techniques: readonly StratusTechnique[]): string {
  const rows = techniques.map((t) => {
    const covering = rules.filter((rule) => rule.references.includes(`stratus:${t.technique}`));
    const attack = attackIdsOf(t).join(' ') || '–';
    const ruleList = covering.map((rule) => `\`${rule.id}\` (${rule.severity})`).join(', ') || '**none**';
    return `| \`${t.technique}\` | ${cell(t.title)} | ${attack} | ${ruleList} |`;
  });
  const covered = techniques.filter((t) => rules.some((rule) => rule.references.includes(`stratus:${t.technique}`)));
  return [
    GENERATED,
    '',
    '# Stratus Red Team coverage',
    '',
    `${covered.length} of the ${techniques.length} AWS techniques Stratus Red Team documents are covered by at least ` +
      'one rule ([catalogue](detections.md)). Technique ids and ATT&CK mappings from ' +
      '`reference/stratus-aws-techniques.json` (github.com/DataDog/stratus-red-team, Apache License 2.0).',
    '',
    '| technique | title | ATT&CK | rules |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

function matchOf(rule: Rule): string {
  const parts = [];
  if (rule.filterPattern) parts.push(`\`${cell(rule.filterPattern)}\``);
  if (rule.predicate) parts.push('and a typed predicate (see the rule file)');
  return parts.join(' ');
}

/** Table cells cannot hold `|` or line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
