import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import type { ProviderSchema, ProviderSchemas, SchemaBlock } from './types';

interface SchemaFile {
  readonly provider_schemas?: Readonly<Record<string, ProviderSchema>>;
}

export interface LoadOptions {
  /**
   * Attribute names the schema file is known to have lost, accepted as optional strings on every block that
   * does not list them: their type is still checked, their presence is not. (The bundled AWS reference lost
   * every attribute named `description` when documentation strings were stripped from it.)
   */
  readonly lostAttributes?: readonly string[];
}

/**
 * Reads a `terraform providers schema -json` document (gzip or plain) and keys each provider by its local
 * name: `registry.terraform.io/hashicorp/aws` becomes `aws`.
 */
export function loadProviderSchemas(file: string, options: LoadOptions = {}): ProviderSchemas {
  const raw = fs.readFileSync(file);
  const text = (file.endsWith('.gz') ? zlib.gunzipSync(raw) : raw).toString('utf8');
  const parsed = JSON.parse(text) as SchemaFile;
  if (!parsed.provider_schemas) throw new Error(`${file}: no "provider_schemas" (not a provider schema document)`);
  const lost = options.lostAttributes ?? [];
  const schemas = new Map<string, ProviderSchema>();
  for (const [source, schema] of Object.entries(parsed.provider_schemas)) {
    schemas.set(source.slice(source.lastIndexOf('/') + 1), lost.length ? restoreAttributes(schema, lost) : schema);
  }
  return schemas;
}

function restoreAttributes(schema: ProviderSchema, names: readonly string[]): ProviderSchema {
  const restoreAll = (byType: ProviderSchema['resource_schemas']) =>
    Object.fromEntries(Object.entries(byType).map(([type, s]) => [type, { block: restoreInBlock(s.block, names) }]));
  return {
    ...(schema.provider && { provider: { block: restoreInBlock(schema.provider.block, names) } }),
    resource_schemas: restoreAll(schema.resource_schemas),
    data_source_schemas: restoreAll(schema.data_source_schemas),
  };
}

function restoreInBlock(block: SchemaBlock, names: readonly string[]): SchemaBlock {
  const attributes = { ...block.attributes };
  for (const name of names) {
    if (!(name in attributes) && !block.block_types?.[name]) attributes[name] = { type: 'string', optional: true };
  }
  const blockTypes = Object.entries(block.block_types ?? {}).map(([name, bt]) => [
    name,
    { ...bt, block: restoreInBlock(bt.block, names) },
  ]);
  return { attributes, block_types: Object.fromEntries(blockTypes) };
}
