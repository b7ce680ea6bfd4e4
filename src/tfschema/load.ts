import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import type { ProviderSchema, ProviderSchemas } from './types';

interface SchemaFile {
  readonly provider_schemas?: Readonly<Record<string, ProviderSchema>>;
}

/**
 * Reads a `terraform providers schema -json` document (gzip or plain) and keys each provider by its local
 * name: `registry.terraform.io/hashicorp/aws` becomes `aws`.
 */
export function loadProviderSchemas(file: string): ProviderSchemas {
  const raw = fs.readFileSync(file);
  const text = (file.endsWith('.gz') ? zlib.gunzipSync(raw) : raw).toString('utf8');
  const parsed = JSON.parse(text) as SchemaFile;
  if (!parsed.provider_schemas) throw new Error(`${file}: no "provider_schemas" (not a provider schema document)`);
  const schemas = new Map<string, ProviderSchema>();
  for (const [source, schema] of Object.entries(parsed.provider_schemas)) {
    schemas.set(source.slice(source.lastIndexOf('/') + 1), schema);
  }
  return schemas;
}
