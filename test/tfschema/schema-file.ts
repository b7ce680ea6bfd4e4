import * as path from 'node:path';
import { loadProviderSchemas } from '../../src/tfschema';
import type { ProviderSchemas } from '../../src/tfschema';

/** The AWS provider 6.25.0 schema the stacks are validated against (see the NOTICE beside it). */
export const AWS_PROVIDER_SCHEMA = path.resolve(
  __dirname,
  '..',
  'fixtures',
  'provider-schema',
  'aws-provider-6.25.0-schema.json.gz',
);

/** The reference schema the stacks are checked against. */
export function loadAwsReferenceSchema(): ProviderSchemas {
  return loadProviderSchemas(AWS_PROVIDER_SCHEMA);
}
