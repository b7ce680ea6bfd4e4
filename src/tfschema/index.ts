export { validateBlock } from './block';
export { loadProviderSchemas } from './load';
export { formatViolations, validateStack, validateSynthOutput } from './stack';
export type { CtyType, ProviderSchema, ProviderSchemas, SchemaBlock, SchemaViolation } from './types';
export { checkValueType, formatType } from './value-type';
