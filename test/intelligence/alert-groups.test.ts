import { alertMessage, alertSubject, groupFindings } from '../../src/intelligence/alert-groups';
import type { Finding } from '../../src/summary/types';

const finding = (overrides: Partial<Finding>): Finding => ({
  id: `r:${overrides.eventID}`,
  ruleId: 'r',
  severity: 'high',
  title: 'Something risky',
  eventID: 'e',
  eventName: 'Act',
  eventTime: '2026-11-27T10:15:00Z',
  principal: 'arn:aws:iam::123456789012:user/alice',
  references: ['attack:T1'],
  ...overrides,
});

describe('groupFindings', () => {
  it('makes one group per rule, principal and hour, with the count and the first and last event', () => {
    const findings = [
      finding({ eventID: 'e3', eventTime: '2026-11-27T10:50:00Z' }),
      finding({ eventID: 'e1', eventTime: '2026-11-27T10:05:00Z' }),
      finding({ eventID: 'e2', eventTime: '2026-11-27T10:20:00Z' }),
      finding({ eventID: 'e4', eventTime: '2026-11-27T11:01:00Z' }),
      finding({ eventID: 'e5', principal: 'arn:aws:iam::123456789012:user/bob' }),
      finding({ eventID: 'e6', ruleId: 'other' }),
    ];
    const groups = groupFindings(findings, 'medium', 's3://b/k');
    expect(groups).toHaveLength(4);
    const alice10 = groups.find((g) => g.ruleId === 'r' && g.hour === '2026-11-27T10' && g.principal.endsWith('alice'));
    expect(alice10).toMatchObject({ count: 3, firstEventID: 'e1', lastEventID: 'e3', object: 's3://b/k' });
  });

  it('gives a group the same id whatever the object or order, and drops findings below the minimum', () => {
    const a = groupFindings([finding({ eventID: 'e1' }), finding({ eventID: 'e2' })], 'high', 'x');
    const b = groupFindings([finding({ eventID: 'e2' })], 'high', 'y');
    expect(a[0].id).toBe(b[0].id);
    expect(groupFindings([finding({ severity: 'low' })], 'medium', 'x')).toEqual([]);
  });
});

describe('alert text', () => {
  const group = groupFindings(
    [finding({ principal: 'evil\nBcc: someone ☃', title: 'Root user used' })],
    'info',
    's3://b/k',
  )[0];

  it('keeps the subject printable ASCII and short, whatever the log says', () => {
    const subject = alertSubject({ ...group, title: 'x'.repeat(200) });
    expect(subject.length).toBeLessThanOrEqual(100);
    expect(alertSubject(group)).toBe('[logfed high] Root user used (1x) by evil?Bcc: someone ?');
  });

  it('writes log values on their own line, control characters removed', () => {
    const message = alertMessage(group);
    expect(message).toContain('principal: evil Bcc: someone ☃\n');
    expect(message).toContain('count: 1\n');
    expect(message.split('\n').filter((line) => line.startsWith('Bcc'))).toEqual([]);
  });
});
