import { userInfo } from 'node:os';

import type { Role } from '../contract/index.js';
import {
  addAnnotation,
  deleteAnnotation,
  editAnnotation,
  editRecord,
  listAnnotations,
  listAnnotationVersions,
  listHistory,
  listRecordVersions,
  recordChange,
  recordCorrection,
  revertRecord,
  roleAt,
  searchAnnotations,
  timeline,
  type HistoryFilter,
} from '../../db/domain/index.js';
import { readAuthorName, writeAuthorName } from '../../db/queries/settings.js';
import { AtlasError, type HandlerContext } from './context.js';
import type { Handlers } from './index.js';

type RecordHandlers = Pick<
  Handlers,
  | 'recordChange'
  | 'recordCorrection'
  | 'revertRecord'
  | 'editRecord'
  | 'recordVersions'
  | 'roleAt'
  | 'history'
  | 'timeline'
  | 'addAnnotation'
  | 'editAnnotation'
  | 'deleteAnnotation'
  | 'listAnnotations'
  | 'annotationVersions'
  | 'searchAnnotations'
  | 'getSettings'
  | 'setAuthorName'
>;

/** Returns the operating-system user name, the author until one is set. */
export function operatingSystemUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Returns who is recorded as author of writes through this context. */
export function currentAuthor(context: HandlerContext): string {
  return readAuthorName(context.db) ?? operatingSystemUser();
}

function settingsOf(context: HandlerContext) {
  return {
    authorName: readAuthorName(context.db),
    defaultAuthor: operatingSystemUser(),
  };
}

function writeContext(context: HandlerContext) {
  return { today: context.today(), author: currentAuthor(context) };
}

export const recordHandlers: RecordHandlers = {
  recordChange(context, input) {
    return recordChange(context.db, input, writeContext(context));
  },

  recordCorrection(context, input) {
    return recordCorrection(context.db, input, writeContext(context));
  },

  revertRecord(context, input) {
    const { id, ...details } = input;
    return revertRecord(context.db, id, { ...details, author: currentAuthor(context) });
  },

  editRecord(context, input) {
    const { id, ...changes } = input;
    return editRecord(context.db, id, changes, writeContext(context));
  },

  recordVersions(context, input) {
    return listRecordVersions(context.db, input.id);
  },

  roleAt(context, input) {
    const role: Role | null = roleAt(context.db, input.bodyId, input.iso3, input.date);
    return { role, date: input.date };
  },

  history(context, input) {
    // listHistory rejects an unknown kind with a message listing the kinds.
    return listHistory(context.db, { ...input, kind: input.kind as HistoryFilter['kind'] });
  },

  timeline(context, input) {
    return timeline(context.db, input);
  },

  addAnnotation(context, input) {
    return addAnnotation(context.db, input, writeContext(context));
  },

  editAnnotation(context, input) {
    return editAnnotation(context.db, input.id, { text: input.text }, writeContext(context));
  },

  deleteAnnotation(context, input) {
    return deleteAnnotation(context.db, input.id, writeContext(context));
  },

  listAnnotations(context, input) {
    return listAnnotations(context.db, input);
  },

  annotationVersions(context, input) {
    return listAnnotationVersions(context.db, input.id);
  },

  searchAnnotations(context, input) {
    return searchAnnotations(context.db, input.text, { limit: input.limit });
  },

  getSettings(context) {
    return settingsOf(context);
  },

  setAuthorName(context, input) {
    if (input.name.length === 0) {
      throw new AtlasError('invalid_input', 'The author name must not be empty.', 'name');
    }
    writeAuthorName(context.db, input.name);
    return settingsOf(context);
  },
};
