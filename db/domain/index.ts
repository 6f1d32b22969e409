/**
 * The write side of membership changes: the one implementation of the
 * domain rules that the form, the API, the command-line tool and imports
 * call. Every write runs in one transaction and throws AtlasError.
 */
export * from './types.js';
export { ALLOWED_ROLES_BEFORE, ROLE_CHANGED_TARGETS } from './rules.js';
export { FIRST_CHANGE_DAY, effectiveDayOf } from './dates.js';
export { MAX_AUTHOR_LENGTH, MAX_NOTE_LENGTH, MAX_SOURCE_LENGTH } from './fields.js';
export { findChange } from './pair.js';
export { recordChange } from './record.js';
export { recordCorrection } from './correction.js';
export { findRevert, revertRecord, type RevertInput } from './revert.js';
export { editRecord, listRecordVersions } from './edit.js';
export * from './annotations.js';
export * from './history.js';
export * from './timeline.js';
export { generateChanges } from './generate.js';
