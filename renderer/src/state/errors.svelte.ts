import { AtlasRequestError } from '../lib/api';

/** One error on the banner. */
export interface ShownError {
  id: number;
  /** The action that failed, e.g. "Loading the map". */
  action: string;
  /** The API's error code, or "internal" for anything else. */
  code: string;
  message: string;
}

/** At most this many errors stay on the banner; older ones drop off. */
const MAX_SHOWN = 4;

/**
 * The one place that collects errors for the user. Components report what
 * failed; the error banner shows the list and lets the user dismiss it.
 */
export class ErrorState {
  errors = $state.raw<ShownError[]>([]);
  #nextId = 1;

  /** Adds an error to the banner; `action` names what failed. */
  report(action: string, error: unknown): void {
    const entry: ShownError = {
      id: this.#nextId++,
      action,
      code: error instanceof AtlasRequestError ? error.error.code : 'internal',
      message: describe(error),
    };

    const repeated = this.errors.some(
      (old) => old.action === entry.action && old.message === entry.message,
    );
    if (repeated) return;

    this.errors = [...this.errors, entry].slice(-MAX_SHOWN);
  }

  /** Removes the errors of actions starting with `prefix`, once they succeed again. */
  clear(prefix: string): void {
    const left = this.errors.filter((error) => !error.action.startsWith(prefix));
    if (left.length !== this.errors.length) this.errors = left;
  }

  dismiss(id: number): void {
    this.errors = this.errors.filter((error) => error.id !== id);
  }

  dismissAll(): void {
    this.errors = [];
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return 'An unexpected error occurred.';
}
