// Typed failures of the embedded store: a damaged document is reported, never silently replaced.

export type StoreErrorCode = 'corrupt-document' | 'unsupported-version' | 'io-error';

/** A document could not be read or written; `code` says why, `document` names it. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    readonly document: string,
    message: string,
    options?: { cause: unknown },
  ) {
    super(message, options);
  }
}
