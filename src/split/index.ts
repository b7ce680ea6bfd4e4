export * from './errors';
export * from './plan';
export { splitFile } from './split';
export type { SplitOptions, SplitResult } from './split';
