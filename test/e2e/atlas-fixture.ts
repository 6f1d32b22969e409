/**
 * Shared set-up of the end-to-end tests: a preview server started in this
 * process on a free port of 127.0.0.1, over a fresh database file created
 * from the baseline in a temporary folder, serving the built renderer.
 * Every test fails if the page logs a console error or throws.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { test as base, expect, type Page } from '@playwright/test';

import { closeDatabase } from '../../db/close.js';
import { openAtlasDatabase } from '../../db/open.js';
import {
  toIsoDay,
  type QueryInput,
  type QueryName,
  type QueryResults,
  type Result,
} from '../../main/contract/index.js';
import {
  startPreviewServer,
  TOKEN_HEADER,
  type PreviewServer,
} from '../../main/preview/server.js';

/** A running preview and a typed client of its API. */
export interface Atlas {
  server: PreviewServer;
  query<N extends QueryName>(
    name: N,
    input: QueryInput<N>,
  ): Promise<QueryResults[N]>;
  stop(): Promise<void>;
}

const RENDERER_FOLDER = resolve(import.meta.dirname, '../../dist/renderer');

/** Starts a preview over a new database file; `stop` removes both. */
export async function startAtlas(): Promise<Atlas> {
  const folder = mkdtempSync(join(tmpdir(), 'atlas-e2e-'));
  const databasePath = join(folder, 'atlas.sqlite');
  const db = openAtlasDatabase(databasePath);
  const server = await startPreviewServer({
    context: { db, databasePath, today: () => toIsoDay(new Date()) },
    staticFolder: RENDERER_FOLDER,
    port: 0,
  });

  async function query<N extends QueryName>(
    name: N,
    input: QueryInput<N>,
  ): Promise<QueryResults[N]> {
    const response = await fetch(
      `http://127.0.0.1:${server.port}/api/query`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          [TOKEN_HEADER]: server.token,
        },
        body: JSON.stringify({ name, input }),
      },
    );
    const result = (await response.json()) as Result<QueryResults[N]>;
    if (!result.ok) {
      throw new Error(`${name} failed: ${result.error.message}`);
    }
    return result.value;
  }

  return {
    server,
    query,
    async stop() {
      await server.close();
      closeDatabase(db);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Opens the app and waits until the first map is drawn and interactive. */
export async function openApp(page: Page, atlas: Atlas): Promise<void> {
  await page.goto(atlas.server.url);
  await expect(page.locator('body')).toHaveAttribute('data-map-ready', 'true');
}

/** Collects the alpha-3 codes in the `country-XXX` classes of the elements. */
export async function iso3Classes(
  page: Page,
  selector: string,
): Promise<Set<string>> {
  const classes = await page
    .locator(selector)
    .evaluateAll((elements) =>
      elements.map((element) => element.getAttribute('class') ?? ''),
    );
  const codes = new Set<string>();
  for (const value of classes) {
    const match = /\bcountry-([A-Z]{3})\b/.exec(value);
    if (match) codes.add(match[1]);
  }
  return codes;
}

export const test = base.extend<{ pageProblems: string[] }>({
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));

      await use(problems);

      expect(problems, 'console errors and uncaught exceptions').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
