import {
  compileFilterPattern,
  FilterPatternError,
  Guard,
  Matcher,
  scalarText,
  SelectorStep,
  valueAt,
} from '../filter-pattern';
import { getString, principalOf } from '../events/fields';
import type { Finding } from '../summary/types';
import { RULES } from './registry';
import { isTrustedAutomation } from './trusted-automation';
import type { LogEvent, Rule } from './types';

export { RULES } from './registry';

/**
 * A rule with its filter pattern compiled once; `guards` are conditions one of which an event must meet to match
 * it (see `guardsOf`), absent when there are none (a rule with a predicate only).
 */
export interface CompiledRule {
  readonly rule: Rule;
  readonly matches?: Matcher;
  readonly guards?: readonly Guard[];
}

/** Compiles a rule's filter pattern; an invalid one throws naming the rule and the position. */
export function compileRule(rule: Rule): CompiledRule {
  if (!rule.filterPattern && !rule.predicate) throw new Error(`rule ${rule.id}: needs a filter pattern or a predicate`);
  if (!rule.filterPattern) return { rule };
  try {
    const compiled = compileFilterPattern(rule.filterPattern);
    return { rule, matches: compiled.matches, guards: compiled.guards };
  } catch (error) {
    if (error instanceof FilterPatternError) {
      throw new Error(`rule ${rule.id}: invalid filter pattern: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** Whether one compiled rule matches one event (pattern, then predicate, then the trusted-automation scope). */
export function ruleMatches(compiled: CompiledRule, event: LogEvent): boolean {
  const { rule, matches } = compiled;
  if (matches && !matches(event)) return false;
  if (rule.predicate && !rule.predicate(event)) return false;
  return rule.includeTrustedAutomation === true || !isTrustedAutomation(event);
}

/** One guarded field: the rules whose guards name it, by the value they need there or needing only something. */
interface GuardedField {
  readonly steps: readonly SelectorStep[];
  readonly byValue: Map<string, IndexedRule[]>;
  readonly present: IndexedRule[];
}

interface IndexedRule extends CompiledRule {
  /** Position in the rule list: candidates are tested in this order, so findings come in rule order. */
  readonly order: number;
}

/**
 * Rules indexed by their guards, so an event is tested only against rules it can match: most events meet no
 * guard at all (no rule lists their `eventName`, they carry no `errorCode`, they are not from a root user).
 */
interface RuleIndex {
  readonly fields: readonly GuardedField[];
  /** Rules without guards, tested against every event. */
  readonly always: readonly IndexedRule[];
}

function indexRules(rules: readonly Rule[]): RuleIndex {
  const fields = new Map<string, GuardedField>();
  const always: IndexedRule[] = [];
  rules.forEach((rule, order) => {
    const compiled: IndexedRule = { ...compileRule(rule), order };
    if (!compiled.guards) {
      always.push(compiled);
      return;
    }
    for (const guard of compiled.guards) {
      const key = JSON.stringify(guard.steps);
      let field = fields.get(key);
      if (!field) {
        field = { steps: guard.steps, byValue: new Map(), present: [] };
        fields.set(key, field);
      }
      if (!guard.values && !field.present.includes(compiled)) field.present.push(compiled);
      for (const value of guard.values ?? []) {
        const list = field.byValue.get(value);
        if (!list) field.byValue.set(value, [compiled]);
        else if (!list.includes(compiled)) list.push(compiled);
      }
    }
  });
  return { fields: [...fields.values()], always };
}

/** The rules whose guards `event` meets, each once, in rule order. */
function candidatesFor(event: LogEvent, index: RuleIndex): readonly IndexedRule[] {
  let found = index.always;
  for (const field of index.fields) {
    const value = valueAt(event, field.steps);
    if (value === undefined) continue;
    if (field.present.length > 0) found = found.length > 0 ? [...found, ...field.present] : field.present;
    if (field.byValue.size === 0) continue;
    const text = scalarText(value);
    const rules = text === undefined ? undefined : field.byValue.get(text);
    if (rules) found = found.length > 0 ? [...found, ...rules] : rules;
  }
  return found.length > 1 ? [...new Set(found)].sort((a, b) => a.order - b.order) : found;
}

const indexes = new WeakMap<readonly Rule[], RuleIndex>();

function indexFor(rules: readonly Rule[]): RuleIndex {
  let index = indexes.get(rules);
  if (!index) {
    index = indexRules(rules);
    indexes.set(rules, index);
  }
  return index;
}

/**
 * The findings one event raises: one per matching rule, id `<ruleId>:<eventID>`, optional fields only when the
 * event has them. Pass the same `rules` array on every call: it is compiled on the first call and cached by
 * identity. The registry is not compiled at load, which keeps the Lambda's init short; test/rules compiles every
 * built-in rule, so an invalid pattern fails the tests rather than the first event.
 */
export function findingsFor(event: LogEvent, rules: readonly Rule[] = RULES, object?: string): Finding[] {
  const findings: Finding[] = [];
  for (const compiled of candidatesFor(event, indexFor(rules))) {
    if (ruleMatches(compiled, event)) findings.push(findingOf(compiled.rule, event, object));
  }
  return findings;
}

/** EventBridge events (pipeline health) name their id and time `id` and `time`. */
function findingOf(rule: Rule, event: LogEvent, object: string | undefined): Finding {
  const eventID = getString(event, 'eventID') || getString(event, 'id');
  return {
    id: `${rule.id}:${eventID}`,
    ruleId: rule.id,
    severity: rule.severity,
    title: rule.title,
    eventID,
    eventName: getString(event, 'eventName'),
    eventTime: getString(event, 'eventTime') || getString(event, 'time'),
    principal: principalOf(event),
    ...optional('sourceIPAddress', getString(event, 'sourceIPAddress')),
    ...optional('awsRegion', getString(event, 'awsRegion')),
    ...optional('recipientAccountId', getString(event, 'recipientAccountId')),
    references: rule.references,
    ...optional('object', object ?? ''),
  };
}

function optional<K extends string>(key: K, value: string): { [P in K]?: string } {
  return (value === '' ? {} : { [key]: value }) as { [P in K]?: string };
}
