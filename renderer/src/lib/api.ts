/**
 * The renderer's only way to the Node side. In Electron the preload bridge
 * has put an AtlasApi on window.atlas; in the browser preview this module
 * builds the same API over HTTP.
 *
 * Only types come from the contract's index: importing a value from it
 * would bundle zod and the query schemas (about 90 kB minified) into the
 * renderer, which validates nothing itself. Constants are restated with the contract's
 * literal types, so the compiler rejects any drift.
 */
import type {
  AtlasApi,
  AtlasErrorValue,
  QueryInput,
  QueryName,
  QueryRequest,
  QueryResults,
  Result,
  WINDOW_API_KEY,
} from '../../../main/contract/index.js';

/** The HTTP header that carries the preview's per-run token. */
export const PREVIEW_TOKEN_HEADER = 'X-Atlas-Token';

function previewToken(): string {
  const meta = document.querySelector<HTMLMetaElement>(
    'meta[name="atlas-preview-token"]',
  );
  return meta?.content ?? '';
}

const WINDOW_KEY: typeof WINDOW_API_KEY = 'atlas';

/**
 * Builds an AtlasApi whose every function sends its name and input through
 * `send`. A Proxy replaces the contract's list of query names.
 */
function proxyApi(
  send: (request: QueryRequest) => Promise<Result<unknown>>,
): AtlasApi {
  return new Proxy({} as AtlasApi, {
    get: (_target, name) =>
      typeof name === 'string'
        ? (input: unknown) => send({ name, input })
        : undefined,
  });
}

function createHttpApi(token: string): AtlasApi {
  return proxyApi(async (request) => {
    const response = await fetch('./api/query', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        [PREVIEW_TOKEN_HEADER]: token,
      },
      body: JSON.stringify(request),
    });
    if (!response.ok) {
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `The preview server returned HTTP ${response.status} ${response.statusText}; restart the preview and reload the page.`,
        },
      };
    }
    return (await response.json()) as Result<unknown>;
  });
}

const bridged = (window as unknown as Record<string, AtlasApi | undefined>)[
  WINDOW_KEY
];

/**
 * True in the desktop app, whose preload bridge provides the API. Files are
 * then saved through its save dialog, while the browser preview downloads them.
 */
export const isDesktopApp: boolean = bridged !== undefined;

export const atlas: AtlasApi = bridged ?? createHttpApi(previewToken());

/** A failed query, re-thrown in the renderer with the API's code. */
export class AtlasRequestError extends Error {
  constructor(readonly error: AtlasErrorValue) {
    super(error.message);
    this.name = 'AtlasRequestError';
  }
}

/** Calls one query and returns its value, throwing AtlasRequestError on failure. */
export async function query<N extends QueryName>(
  name: N,
  input: QueryInput<N>,
): Promise<QueryResults[N]> {
  const call = atlas[name] as (
    input: QueryInput<N>,
  ) => Promise<Result<QueryResults[N]>>;
  const result = await call(input);
  if (!result.ok) throw new AtlasRequestError(result.error);
  return result.value;
}
