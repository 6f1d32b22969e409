/**
 * The API contract between the Node side and the renderer: every query's
 * name, the zod schema of its input and the type of its result. The Electron
 * IPC handlers, the preload bridge, the browser preview and the renderer
 * client all derive from this module, so it imports nothing from Node or
 * Electron.
 */
import { z } from 'zod';

import type { ErrorCode } from './errors.js';
import type {
  BackupEntry,
  ExportFileResult,
  ImportApplied,
  ImportPreviewResult,
  RestoredBackup,
  SaveFileResult,
} from './file-types.js';
import { fileQueries } from './file-queries.js';
import { recordQueries } from './record-queries.js';
import { asOfSchema, countOptionsSchema } from './schemas.js';
import type {
  Annotation,
  AnnotationVersion,
  ChangeRecord,
  HistoryEntry,
  RecordVersion,
  RevertRecord,
  TimelineStep,
} from './records.js';
import type {
  AppInfo,
  BodyProfile,
  BodySummary,
  CountryProfile,
  CountryRef,
  MapSummary,
  Role,
  SearchResults,
  Settings,
  ThemeSummary,
  ThemeTables,
} from './types.js';

export * from './dates.js';
export * from './errors.js';
export * from './file-queries.js';
export * from './file-types.js';
export * from './kinds.js';
export * from './record-queries.js';
export * from './records.js';
export * from './schemas.js';
export * from './types.js';

export const ROLES = [
  'member',
  'observer',
  'associate',
  'participant',
  'suspended',
] as const;
export const roleSchema = z.enum(ROLES);

export const BODY_KINDS = ['iscm', 'igo'] as const;
export const bodyKindSchema = z.enum(BODY_KINDS);

const bodyIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters');

const iso3Schema = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO 3166-1 alpha-3 code')
  .transform((code) => code.toUpperCase());

const themeIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters');

export const mapFilterSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('body'), id: bodyIdSchema }),
  z.object({ type: z.literal('theme'), id: themeIdSchema }),
]);

const emptyInput = z.object({}).strict();

/**
 * Every query of the API. `kind` separates reads from writes so that the
 * Node side can run each write in a transaction; 'file' queries build or
 * read files and are the only ones that run asynchronously.
 */
export const queries = {
  appInfo: { kind: 'read', input: emptyInput },
  listCountries: { kind: 'read', input: emptyInput },
  listBodies: {
    kind: 'read',
    input: z
      .object({ kind: bodyKindSchema.optional(), asOf: asOfSchema })
      .strict(),
  },
  listThemes: { kind: 'read', input: emptyInput },
  bodyProfile: {
    kind: 'read',
    input: z.object({ id: bodyIdSchema, asOf: asOfSchema }).strict(),
  },
  countryProfile: {
    kind: 'read',
    input: z
      .object({
        iso3: iso3Schema,
        asOf: asOfSchema,
        count: countOptionsSchema.optional(),
      })
      .strict(),
  },
  mapSummary: {
    kind: 'read',
    input: z
      .object({
        asOf: asOfSchema,
        count: countOptionsSchema.optional(),
        filter: mapFilterSchema.default({ type: 'none' }),
      })
      .strict(),
  },
  themeTables: { kind: 'read', input: emptyInput },
  ...recordQueries,
  search: {
    kind: 'read',
    input: z
      .object({
        text: z
          .string()
          .trim()
          .min(1, 'must not be empty')
          .max(100, 'must be at most 100 characters'),
        limit: z.number().int().min(1).max(100).default(20),
      })
      .strict(),
  },
  ...fileQueries,
} as const;

export type QueryName = keyof typeof queries;
export const QUERY_NAMES = Object.keys(queries) as QueryName[];

/** The result type of each query. */
export interface QueryResults {
  appInfo: AppInfo;
  listCountries: CountryRef[];
  listBodies: BodySummary[];
  listThemes: ThemeSummary[];
  bodyProfile: BodyProfile;
  countryProfile: CountryProfile;
  mapSummary: MapSummary;
  themeTables: ThemeTables;
  search: SearchResults;
  recordChange: ChangeRecord;
  recordCorrection: ChangeRecord;
  revertRecord: RevertRecord;
  editRecord: ChangeRecord;
  recordVersions: RecordVersion[];
  roleAt: { role: Role | null; date: string };
  history: { total: number; entries: HistoryEntry[] };
  timeline: TimelineStep[];
  addAnnotation: Annotation;
  editAnnotation: Annotation;
  deleteAnnotation: Annotation;
  listAnnotations: Annotation[];
  annotationVersions: AnnotationVersion[];
  searchAnnotations: Annotation[];
  getSettings: Settings;
  setAuthorName: Settings;
  exportFile: ExportFileResult;
  saveFile: SaveFileResult;
  previewImport: ImportPreviewResult;
  applyImport: ImportApplied;
  listBackups: BackupEntry[];
  restoreBackup: RestoredBackup;
}

/** Input as a caller may write it (defaults still optional). */
export type QueryInput<N extends QueryName> = z.input<
  (typeof queries)[N]['input']
>;
/** Input after validation, with defaults filled in. */
export type ParsedInput<N extends QueryName> = z.output<
  (typeof queries)[N]['input']
>;

export interface AtlasErrorValue {
  code: ErrorCode;
  message: string;
  /** The input field that was invalid, as a dotted path, when one was. */
  field?: string;
}

export type Result<T> =
  | { ok: true; value: T }
  | { ok: false; error: AtlasErrorValue };

/** The object the renderer calls: one async function per query. */
export type AtlasApi = {
  [N in QueryName]: (input: QueryInput<N>) => Promise<Result<QueryResults[N]>>;
};

/** The name of the one IPC channel that carries every query. */
export const IPC_CHANNEL = 'atlas:query';

/** The property of `window` that contains the AtlasApi in the renderer. */
export const WINDOW_API_KEY = 'atlas';

/** The message sent over IPC or HTTP for one query. */
export interface QueryRequest {
  name: string;
  input: unknown;
}

/**
 * Builds an AtlasApi whose functions all send through `send`, so the preload
 * bridge and the HTTP client share the list of names.
 */
export function createApi(
  send: (request: QueryRequest) => Promise<Result<unknown>>,
): AtlasApi {
  const api: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const name of QUERY_NAMES) {
    api[name] = (input) => send({ name, input });
  }
  return api as AtlasApi;
}
