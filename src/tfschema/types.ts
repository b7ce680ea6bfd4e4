/**
 * The shape of `terraform providers schema -json`, reduced to what static validation reads.
 * Attribute types are cty type expressions: `"string"`, `["list", T]`, `["object", {…}, [optional…]]`, ….
 */
export type CtyType =
  | 'string'
  | 'number'
  | 'bool'
  | 'dynamic'
  | readonly ['list' | 'set' | 'map', CtyType]
  | readonly ['object', Readonly<Record<string, CtyType>>, (readonly string[])?]
  | readonly ['tuple', readonly CtyType[]];

export interface SchemaAttribute {
  readonly type: CtyType;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
}

export type NestingMode = 'single' | 'group' | 'list' | 'set' | 'map';

export interface SchemaBlockType {
  readonly nesting_mode: NestingMode;
  readonly block: SchemaBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

export interface SchemaBlock {
  readonly attributes?: Readonly<Record<string, SchemaAttribute>>;
  readonly block_types?: Readonly<Record<string, SchemaBlockType>>;
}

export interface ProviderSchema {
  /** Absent from the bundled AWS reference schema: provider blocks are then not checked. */
  readonly provider?: { readonly block: SchemaBlock };
  readonly resource_schemas: Readonly<Record<string, { readonly block: SchemaBlock }>>;
  readonly data_source_schemas: Readonly<Record<string, { readonly block: SchemaBlock }>>;
}

/** Provider schemas by local provider name (`aws`), the prefix of every resource type it owns. */
export type ProviderSchemas = ReadonlyMap<string, ProviderSchema>;

/** One violation, addressed like `<stack>/<type>.<name>.<attribute path>`. */
export interface SchemaViolation {
  readonly path: string;
  readonly message: string;
}
