export * from './copy';
export * from './errors';
export * from './load';
export * from './load-errors';
export { LocalWarehouse, starTables } from './warehouse';
