/**
 * The renderer's only way to the Node side. In Electron the preload bridge
 * has put an AtlasApi on window.atlas; in the browser preview this module
 * builds the same API over HTTP from the contract's query names.
 */
import {
  createApi,
  WINDOW_API_KEY,
  type AtlasApi,
  type AtlasErrorValue,
  type QueryInput,
  type QueryName,
  type QueryResults,
  type Result,
} from '../../../main/contract/index.js';

/** The HTTP header that carries the preview's per-run token. */
export const PREVIEW_TOKEN_HEADER = 'X-Atlas-Token';

function previewToken(): string {
  const meta = document.querySelector<HTMLMetaElement>(
    'meta[name="atlas-preview-token"]',
  );
  return meta?.content ?? '';
}

function createHttpApi(token: string): AtlasApi {
  return createApi(async (request) => {
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
          message: `The preview server answered ${response.status} ${response.statusText}.`,
        },
      };
    }
    return (await response.json()) as Result<unknown>;
  });
}

function resolveApi(): AtlasApi {
  const bridged = (window as unknown as Record<string, AtlasApi | undefined>)[
    WINDOW_API_KEY
  ];
  if (bridged) return bridged;
  return createHttpApi(previewToken());
}

export const atlas: AtlasApi = resolveApi();

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
