/** Why the compiler gave up. These are bugs (the checks should have refused the input), not user errors. */
export type DialplanErrorCode = 'no-start' | 'empty-block' | 'unsafe-text' | 'bad-option' | 'unknown-node-type';

/** A bug or broken input that slipped past validation; user-fixable problems are diagnostics. */
export class DialplanError extends Error {
  override readonly name = 'DialplanError';
  constructor(
    readonly code: DialplanErrorCode,
    message: string,
  ) {
    super(message);
  }
}
