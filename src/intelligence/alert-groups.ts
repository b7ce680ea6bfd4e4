import { SEVERITIES, type Finding, type Severity } from '../summary/types';
import { hashOf } from './keys';
import type { AlertGroup } from './types';

/** `YYYY-MM-DDTHH` of a finding's event, or `unknown-hour` when the event has no usable time. */
function hourOf(eventTime: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d/.test(eventTime) ? eventTime.slice(0, 13) : 'unknown-hour';
}

export function atLeast(severity: Severity, minimum: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(minimum);
}

/**
 * Groups findings at or above `minimum` into one alert per rule, principal and UTC hour, with the count and the
 * first and last event ids. The group id hashes only rule, principal and hour: whichever object or delivery
 * raises a group first sends it, and no later delivery sends it again.
 */
export function groupFindings(findings: readonly Finding[], minimum: Severity, object: string): AlertGroup[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (!atLeast(finding.severity, minimum)) continue;
    const id = hashOf(finding.ruleId, finding.principal, hourOf(finding.eventTime));
    const members = groups.get(id);
    if (members) members.push(finding);
    else groups.set(id, [finding]);
  }
  return [...groups.entries()]
    .map(([id, members]) => {
      const ordered = [...members].sort(byTimeThenId);
      const first = ordered[0];
      return {
        id,
        ruleId: first.ruleId,
        severity: first.severity,
        title: first.title,
        principal: first.principal,
        hour: hourOf(first.eventTime),
        count: ordered.length,
        firstEventID: first.eventID,
        lastEventID: ordered[ordered.length - 1].eventID,
        references: first.references,
        object,
      };
    })
    .sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || compare(a.id, b.id));
}

function byTimeThenId(a: Finding, b: Finding): number {
  return compare(a.eventTime, b.eventTime) || compare(a.eventID, b.eventID);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Text from logs in a mail: control characters become spaces and length is capped. */
function plain(value: string, max = 300): string {
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** An SNS subject: printable ASCII only, at most 100 characters. */
export function alertSubject(group: AlertGroup): string {
  const subject = `[logfed ${group.severity}] ${group.title} (${group.count}x) by ${group.principal}`;
  const ascii = subject.replace(/[^\x20-\x7e]/g, '?');
  return ascii.length > 100 ? `${ascii.slice(0, 99)}~` : ascii;
}

/** The mail people read: what happened, who, when, how often, where to look. */
export function alertMessage(group: AlertGroup): string {
  return [
    `${plain(group.title)} (${group.severity})`,
    '',
    `rule: ${group.ruleId}`,
    `principal: ${plain(group.principal)}`,
    `hour (UTC): ${group.hour}`,
    `count: ${group.count}`,
    `first event: ${plain(group.firstEventID)}`,
    `last event: ${plain(group.lastEventID)}`,
    `references: ${group.references.join(', ')}`,
    `log object: ${plain(group.object, 1024)}`,
    '',
    'One message per rule, principal and hour: later findings of this group are in the summaries and the',
    'nightly digest, not mailed again. docs/runbooks.md says what to do first.',
    `group: ${group.id}`,
  ].join('\n');
}
