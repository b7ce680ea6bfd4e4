import * as path from 'node:path';

/** The AWS provider 6.25.0 schema the stacks are validated against (see the NOTICE beside it). */
export const AWS_PROVIDER_SCHEMA = path.resolve(
  __dirname,
  '..',
  'fixtures',
  'provider-schema',
  'aws-provider-6.25.0-schema.json.gz',
);
