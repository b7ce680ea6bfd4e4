/**
 * Whether an IAM pattern covers `value`: `*` matches any characters, `:` and `/` included, `?` is literal here
 * (no policy of ours uses it). Actions compare without case, as IAM does; resource ARNs with case.
 */
export function iamPatternMatches(pattern: string, value: string, kind: 'action' | 'resource'): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, kind === 'action' ? 'i' : '').test(value);
}
