/** One step of a selector: an object key or an array index (`$.a[0].b` is `['a', 0, 'b']`). */
export type SelectorStep = string | number;

export interface Selector {
  /** As written, e.g. `$.userIdentity.type`; used in messages and docs. */
  readonly text: string;
  readonly steps: readonly SelectorStep[];
}

export type EqualityOperator = '=' | '!=';
export type NumericOperator = '=' | '!=' | '<' | '>' | '<=' | '>=';

/** The parsed form of a JSON filter pattern (`{ … }`). */
export type PatternNode =
  | { readonly kind: 'and' | 'or'; readonly left: PatternNode; readonly right: PatternNode }
  | {
      readonly kind: 'string';
      readonly selector: Selector;
      readonly operator: EqualityOperator;
      readonly value: string;
    }
  | { readonly kind: 'number'; readonly selector: Selector; readonly operator: NumericOperator; readonly value: number }
  | { readonly kind: 'is'; readonly selector: Selector; readonly value: null | true | false }
  | { readonly kind: 'not-exists'; readonly selector: Selector };
