/** A load that cannot go on: unreadable input, or more rejected rows than COPY's MAXERROR allows. */
export class LoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoadError';
  }
}
