import type { AtlasErrorValue, ErrorCode } from '../main/contract/index.js';

/** An expected failure that reaches the caller as a typed error value. */
export class AtlasError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AtlasError';
  }

  toValue(): AtlasErrorValue {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}
