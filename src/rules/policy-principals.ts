import { getString } from '../events/fields';
import type { LogEvent } from './types';

/**
 * The principals an IAM policy document (an object or its JSON text, as CloudTrail records it) allows that
 * are outside `ownAccount`: `*` and AWS principals of other accounts. Service and federated principals are
 * AWS or the identity provider acting, not another account. Unparsable text gives none.
 */
export function foreignPrincipals(policy: unknown, ownAccount: string): string[] {
  const document = typeof policy === 'string' ? parseJson(policy) : policy;
  const statements = asArray((document as { Statement?: unknown } | undefined)?.Statement);
  return statements.flatMap((statement) => {
    const { Effect, Principal } = (statement ?? {}) as { Effect?: unknown; Principal?: unknown };
    if (Effect !== 'Allow') return [];
    const awsPrincipals = Principal === '*' ? ['*'] : asArray((Principal as { AWS?: unknown } | undefined)?.AWS);
    return awsPrincipals.filter((p): p is string => typeof p === 'string' && isForeign(p, ownAccount));
  });
}

/** A principal value (`*`, an account id or an ARN) from another account than `ownAccount`. */
export function isForeign(principal: string, ownAccount: string): boolean {
  if (principal === '*') return true;
  const account = /^\d{12}$/.test(principal) ? principal : /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
  return account !== undefined && account !== ownAccount;
}

/** The account the event happened in. */
export function ownAccountOf(event: LogEvent): string {
  return getString(event, 'recipientAccountId') || getString(event, 'userIdentity.accountId');
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
