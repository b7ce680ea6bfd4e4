import { compileFilterPattern, FilterPatternError, Matcher } from '../filter-pattern';
import { getString, principalOf } from '../events/fields';
import type { Finding } from '../summary/types';
import { RULES } from './registry';
import { isTrustedAutomation } from './trusted-automation';
import type { LogEvent, Rule } from './types';

export { RULES } from './registry';

/** A rule with its filter pattern compiled once; `eventNames` lists the only event names it can match. */
export interface CompiledRule {
  readonly rule: Rule;
  readonly matches?: Matcher;
  readonly eventNames?: ReadonlySet<string>;
}

/** Compiles a rule's filter pattern; an invalid one throws naming the rule and the position. */
export function compileRule(rule: Rule): CompiledRule {
  if (!rule.filterPattern && !rule.predicate) throw new Error(`rule ${rule.id}: needs a filter pattern or a predicate`);
  if (!rule.filterPattern) return { rule };
  try {
    const compiled = compileFilterPattern(rule.filterPattern);
    return { rule, matches: compiled.matches, eventNames: compiled.eventNames };
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

/**
 * Rules indexed by the event names their patterns require, so an event is tested only against rules it can
 * match (most events match no `eventName` literal at all). Lists keep registry order for deterministic output.
 */
interface RuleIndex {
  readonly byEventName: ReadonlyMap<string, readonly CompiledRule[]>;
  readonly anyEventName: readonly CompiledRule[];
}

function indexRules(rules: readonly Rule[]): RuleIndex {
  const compiled = rules.map(compileRule);
  const anyEventName = compiled.filter((c) => !c.eventNames);
  const names = new Set(compiled.flatMap((c) => [...(c.eventNames ?? [])]));
  const byEventName = new Map<string, CompiledRule[]>();
  for (const name of names)
    byEventName.set(
      name,
      compiled.filter((c) => !c.eventNames || c.eventNames.has(name)),
    );
  return { byEventName, anyEventName };
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
  const index = indexFor(rules);
  const eventName = event.eventName;
  const candidates =
    (typeof eventName === 'string' ? index.byEventName.get(eventName) : undefined) ?? index.anyEventName;
  const findings: Finding[] = [];
  for (const compiled of candidates) {
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
