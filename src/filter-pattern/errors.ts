/** A filter pattern that CloudWatch would reject; `position` is 1-based, counted in characters of the pattern. */
export class FilterPatternError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(`${reason} at position ${position}`);
    this.name = 'FilterPatternError';
  }
}
