import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateBlock } from './block';
import { isJsonObject } from './json-value';
import type { ProviderSchemas, SchemaBlock, SchemaViolation } from './types';

/** Keys Terraform owns in each kind of block; `//` is cdktf's metadata. */
const RESOURCE_META = new Set([
  '//',
  'count',
  'for_each',
  'depends_on',
  'provider',
  'lifecycle',
  'provisioner',
  'connection',
]);
const DATA_META = new Set(['//', 'count', 'for_each', 'depends_on', 'provider', 'lifecycle']);
const PROVIDER_META = new Set(['//', 'alias', 'version']);

type BlockKind = 'resource' | 'data';

/**
 * Validates every `resource`, `data` and `provider` block of one synthesized stack (`cdk.tf.json`).
 * Provider blocks are checked only when the loaded schema describes the provider configuration.
 */
export function validateStack(stackName: string, document: unknown, schemas: ProviderSchemas): SchemaViolation[] {
  if (!isJsonObject(document)) return [{ path: stackName, message: 'not a Terraform JSON document' }];
  return [
    ...validateTypedBlocks(stackName, 'resource', document.resource, schemas),
    ...validateTypedBlocks(stackName, 'data', document.data, schemas),
    ...validateProviders(stackName, document.provider, schemas),
  ];
}

/** Validates every `stacks/<name>/cdk.tf.json` under a cdktf output directory. */
export function validateSynthOutput(outdir: string, schemas: ProviderSchemas): SchemaViolation[] {
  const stacksDir = path.join(outdir, 'stacks');
  const stackNames = fs.readdirSync(stacksDir).sort();
  if (stackNames.length === 0) throw new Error(`${stacksDir}: no stacks were synthesized`);
  return stackNames.flatMap((name) => {
    const file = path.join(stacksDir, name, 'cdk.tf.json');
    return validateStack(name, JSON.parse(fs.readFileSync(file, 'utf8')), schemas);
  });
}

/** One line per violation, for test failures and reports. */
export function formatViolations(violations: readonly SchemaViolation[]): string {
  return violations.map((v) => `${v.path}: ${v.message}`).join('\n');
}

function validateTypedBlocks(
  stackName: string,
  kind: BlockKind,
  section: unknown,
  schemas: ProviderSchemas,
): SchemaViolation[] {
  if (section === undefined) return [];
  const prefix = kind === 'data' ? `${stackName}/data.` : `${stackName}/`;
  if (!isJsonObject(section)) return [{ path: `${stackName}/${kind}`, message: 'expected an object of block types' }];
  const violations: SchemaViolation[] = [];
  for (const [type, byName] of Object.entries(section)) {
    const schema = lookupSchema(kind, type, schemas);
    if (typeof schema === 'string') {
      violations.push({ path: `${prefix}${type}`, message: schema });
      continue;
    }
    if (!isJsonObject(byName)) {
      violations.push({ path: `${prefix}${type}`, message: 'expected an object of named blocks' });
      continue;
    }
    for (const [name, body] of Object.entries(byName)) {
      violations.push(
        ...validateBlock(schema, body, `${prefix}${type}.${name}`, kind === 'data' ? DATA_META : RESOURCE_META),
      );
    }
  }
  return violations;
}

/** The block schema for a type, or why there is none. */
function lookupSchema(kind: BlockKind, type: string, schemas: ProviderSchemas): SchemaBlock | string {
  const providerName = type.split('_')[0];
  const provider = schemas.get(providerName);
  if (!provider) return `no schema loaded for provider "${providerName}"`;
  const found = (kind === 'data' ? provider.data_source_schemas : provider.resource_schemas)[type];
  return found
    ? found.block
    : `unknown ${kind === 'data' ? 'data source' : 'resource'} type for provider "${providerName}"`;
}

/** `provider.<name>` is one configuration object or a list of them (aliases). */
function validateProviders(stackName: string, section: unknown, schemas: ProviderSchemas): SchemaViolation[] {
  if (!isJsonObject(section)) return [];
  return Object.entries(section).flatMap(([name, configs]) => {
    const schema = schemas.get(name)?.provider;
    if (!schema) return [];
    const list: unknown[] = Array.isArray(configs) ? configs : [configs];
    return list.flatMap((config, index) =>
      validateBlock(schema.block, config, `${stackName}/provider.${name}[${index}]`, PROVIDER_META),
    );
  });
}
