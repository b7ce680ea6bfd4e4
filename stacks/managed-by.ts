/**
 * The tag every stack puts on what it creates (environment-stack.ts, the provider's default tags), as IAM
 * conditions: roles create resources only with it and change only resources that carry it.
 */
export const MANAGED_BY_TAG = { ManagedBy: 'logfed' } as const;

/** The request creates a resource tagged as ours. */
export const CREATES_OURS = {
  test: 'StringEquals',
  variable: 'aws:RequestTag/ManagedBy',
  values: [MANAGED_BY_TAG.ManagedBy],
};

/** The resource acted on is tagged as ours. */
export const TAGGED_OURS = {
  test: 'StringEquals',
  variable: 'aws:ResourceTag/ManagedBy',
  values: [MANAGED_BY_TAG.ManagedBy],
};
