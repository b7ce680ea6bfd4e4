/** Input the split cannot handle (missing, truncated or corrupt); no chunk and no manifest is written. */
export class SplitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SplitError';
  }
}
