import type { Finding, Severity, Summary } from '../../src/summary/types';
import { emptySummary } from '../../src/summary/merge';

/** A small summary of `events` events in one hour, with optional findings; the shape the Lambda stores. */
export function hourSummary(hour: string, events: number, findings: Finding[] = []): Summary {
  return {
    ...emptySummary(),
    objects: 1,
    events,
    bySource: { 's3.amazonaws.com': events },
    byEventName: { GetObject: events },
    errors: events > 1 ? { AccessDenied: 1 } : {},
    findings,
    byHour: { [hour]: events },
    byPrincipal: { 'arn:aws:iam::111122223333:role/reader': events },
    byKind: { cloudtrail: 1 },
    firstEventTime: `${hour}:00:00Z`,
    lastEventTime: `${hour}:04:59Z`,
  };
}

export function finding(n: number, severity: Severity, hour: string): Finding {
  const eventID = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    id: `rule-${severity}:${eventID}`,
    ruleId: `rule-${severity}`,
    severity,
    title: `${severity} finding`,
    eventID,
    eventName: 'PutBucketPolicy',
    eventTime: `${hour}:0${n % 5}:00Z`,
    principal: 'arn:aws:iam::111122223333:user/someone',
    sourceIPAddress: '192.0.2.10',
    awsRegion: 'us-east-1',
    recipientAccountId: '111122223333',
    references: [],
  };
}
