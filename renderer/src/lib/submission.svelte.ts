/**
 * The state of a dialog's form that saves with one query: whether it is
 * saving, and the error of the last try with the field it names.
 */
import { AtlasRequestError } from './api';

export class Submission {
  saving = $state(false);
  message = $state<string | null>(null);
  field = $state<string | null>(null);

  /** Runs `save` unless a save is running, and keeps the error it throws. */
  async run(save: () => Promise<void>): Promise<void> {
    if (this.saving) return;

    this.message = null;
    this.field = null;
    this.saving = true;
    try {
      await save();
    } catch (error) {
      this.message = error instanceof Error ? error.message : String(error);
      this.field = error instanceof AtlasRequestError ? (error.error.field ?? null) : null;
    } finally {
      this.saving = false;
    }
  }

  /** Returns the error message when the error names `field`, else null. */
  errorOf(field: string): string | null {
    return this.field === field ? this.message : null;
  }
}
