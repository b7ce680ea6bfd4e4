import { describeLiteral, isJsonObject } from './json-value';
import type { SchemaBlock, SchemaBlockType, SchemaViolation } from './types';
import { checkValueType } from './value-type';

/**
 * Checks one block body (a resource, data source, provider or nested block) against its schema the way
 * `terraform validate` does without provider calls: every key known, required attributes and blocks
 * present, computed-only attributes left alone, literal types and nesting right.
 * `metaArguments` are the keys Terraform itself owns at this level (`count`, `lifecycle`, …).
 */
export function validateBlock(
  schema: SchemaBlock,
  body: unknown,
  path: string,
  metaArguments: ReadonlySet<string> = new Set(),
): SchemaViolation[] {
  if (!isJsonObject(body)) return [{ path, message: `expected a block (JSON object), got ${describeLiteral(body)}` }];
  const attributes = schema.attributes ?? {};
  const blockTypes = schema.block_types ?? {};
  const dynamicBlocks = isJsonObject(body.dynamic) ? body.dynamic : {};
  const violations: SchemaViolation[] = [];

  for (const [key, value] of Object.entries(body)) {
    const at = `${path}.${key}`;
    if (metaArguments.has(key)) continue;
    const attribute = attributes[key];
    const blockType = blockTypes[key];
    if (attribute) {
      if (attribute.computed && !attribute.optional && !attribute.required) {
        violations.push({ path: at, message: 'is computed by the provider and cannot be set' });
      } else {
        violations.push(...checkValueType(attribute.type, value, at));
      }
    } else if (blockType) {
      violations.push(...validateNestedBlocks(blockType, value, at));
    } else if (key === 'dynamic') {
      violations.push(...validateDynamicBlocks(blockTypes, value, at));
    } else {
      violations.push({ path: at, message: 'unknown attribute or block' });
    }
  }

  for (const [name, attribute] of Object.entries(attributes)) {
    if (attribute.required && (body[name] === undefined || body[name] === null)) {
      violations.push({ path: `${path}.${name}`, message: 'missing required attribute' });
    }
  }
  for (const [name, blockType] of Object.entries(blockTypes)) {
    const minItems = blockType.min_items ?? 0;
    if (minItems > 0 && body[name] === undefined && !(name in dynamicBlocks)) {
      violations.push({ path: `${path}.${name}`, message: `missing required block (at least ${minItems})` });
    }
  }
  return violations;
}

/** JSON syntax gives a block as one object or an array of objects; a map of blocks as an object keyed by label. */
function validateNestedBlocks(blockType: SchemaBlockType, value: unknown, path: string): SchemaViolation[] {
  if (blockType.nesting_mode === 'map') {
    if (!isJsonObject(value)) {
      return [
        { path, message: `wrong nesting: expected blocks keyed by label (JSON object), got ${describeLiteral(value)}` },
      ];
    }
    return Object.entries(value).flatMap(([label, body]) => validateBlock(blockType.block, body, `${path}.${label}`));
  }
  if (!isJsonObject(value) && !Array.isArray(value)) {
    return [{ path, message: `wrong nesting: expected a block or a list of blocks, got ${describeLiteral(value)}` }];
  }
  const items: unknown[] = Array.isArray(value) ? value : [value];
  const single = blockType.nesting_mode === 'single' || blockType.nesting_mode === 'group';
  const maxItems = single ? 1 : blockType.max_items;
  const minItems = blockType.min_items ?? 0;
  const violations: SchemaViolation[] = [];
  if (maxItems !== undefined && items.length > maxItems) {
    const what = single ? 'a single block' : `at most ${maxItems} blocks`;
    violations.push({ path, message: `wrong nesting: expected ${what}, got ${items.length}` });
  }
  if (items.length < minItems) {
    violations.push({ path, message: `expected at least ${minItems} blocks, got ${items.length}` });
  }
  items.forEach((body, index) => {
    violations.push(...validateBlock(blockType.block, body, Array.isArray(value) ? `${path}[${index}]` : path));
  });
  return violations;
}

/** `dynamic "<block>" { for_each, content }`: the count is unknown, but the content must fit the block. */
function validateDynamicBlocks(
  blockTypes: Readonly<Record<string, SchemaBlockType>>,
  value: unknown,
  path: string,
): SchemaViolation[] {
  if (!isJsonObject(value))
    return [{ path, message: `expected dynamic blocks by name, got ${describeLiteral(value)}` }];
  return Object.entries(value).flatMap(([name, generator]) => {
    const blockType = blockTypes[name];
    if (!blockType) return [{ path: `${path}.${name}`, message: 'unknown block' }];
    const content = isJsonObject(generator) ? generator.content : undefined;
    if (content === undefined) return [{ path: `${path}.${name}`, message: 'dynamic block without "content"' }];
    return validateBlock(blockType.block, content, `${path}.${name}.content`);
  });
}
