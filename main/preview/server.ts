/**
 * The browser preview: serves the built renderer and the API over HTTP on
 * the loopback interface only, so the real app runs in a plain browser
 * where Electron is not installed. Every request must carry the per-run
 * token (query string, header or the cookie set from it), and requests
 * with a foreign Host or Origin are rejected.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

import { createLogger } from '../../db/logger.js';
import {
  base64Length,
  MAX_IMPORT_FILE_BYTES,
  type QueryRequest,
  type Result,
} from '../contract/index.js';
import type { HandlerContext } from '../handlers/context.js';
import { isFileQuery, runFileQuery, runQuery } from '../handlers/dispatch.js';

const log = createLogger('main/preview');

export const PREVIEW_HOST = '127.0.0.1';
export const TOKEN_HEADER = 'x-atlas-token';
const TOKEN_COOKIE = 'atlas_token';
/**
 * The largest request body: an import file of MAX_IMPORT_FILE_BYTES sent
 * as base64, and 1 MiB for the rest of the request.
 */
const MAX_BODY_BYTES = base64Length(MAX_IMPORT_FILE_BYTES) + 1024 * 1024;

/** Same policy as the renderer's meta tag: nothing from a remote origin. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface PreviewOptions {
  context: HandlerContext;
  /** The folder Vite built the renderer into. */
  staticFolder: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; random by default. */
  token?: string;
}

export interface PreviewServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(request: IncomingMessage): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return value.join('=');
  }
  return undefined;
}

function send(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType = 'text/plain; charset=utf-8',
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(body);
}

class BodyTooLargeError extends Error {
  constructor() {
    super(
      `The request is larger than ${Math.floor(MAX_BODY_BYTES / (1024 * 1024))} MiB, ` +
        'so it was not read. An import file may have at most 50 MiB.',
    );
    this.name = 'BodyTooLargeError';
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Checks Host and Origin so that another site or a DNS rebinding cannot reach the API. */
function foreignOrigin(request: IncomingMessage, port: number): string | null {
  const allowedHosts = [`${PREVIEW_HOST}:${port}`, `localhost:${port}`];
  const host = request.headers.host ?? '';
  if (!allowedHosts.includes(host)) return `Host "${host}" is not allowed`;

  const origin = request.headers.origin;
  if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin)) {
    return `Origin "${origin}" is not allowed`;
  }
  return null;
}

/** Starts the preview server on 127.0.0.1 and resolves once it listens. */
export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticFolder = normalize(options.staticFolder);
  const indexHtml = (await readFile(join(staticFolder, 'index.html'), 'utf8')).replace(
    '<meta name="atlas-preview-token" content="" />',
    `<meta name="atlas-preview-token" content="${token}" />`,
  );
  let port = options.port ?? 0;

  async function serveApi(request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'POST') {
      send(response, 405, 'Use POST for /api/query.', undefined, { Allow: 'POST' });
      return;
    }

    let body: QueryRequest;
    try {
      body = JSON.parse(await readBody(request)) as QueryRequest;
    } catch (error) {
      const message =
        error instanceof BodyTooLargeError
          ? error.message
          : `The request body is not valid JSON (${(error as Error).message}).`;
      send(
        response,
        200,
        JSON.stringify({ ok: false, error: { code: 'invalid_input', message } }),
        CONTENT_TYPES['.json'],
      );
      return;
    }

    const started = performance.now();
    const query = { name: body?.name, input: body?.input };
    // File queries return bytes: the preview never writes to a path the
    // page names, so the page downloads exports itself.
    const result: Result<unknown> = isFileQuery(query.name)
      ? await runFileQuery(options.context, query)
      : runQuery(options.context, query);
    const elapsed = (performance.now() - started).toFixed(1);
    log.debug(`${String(body?.name)}: ${result.ok ? 'ok' : result.error.code} in ${elapsed} ms`);
    send(response, 200, JSON.stringify(result), CONTENT_TYPES['.json']);
  }

  async function serveStatic(url: URL, response: ServerResponse, setCookie: boolean) {
    const cookie: Record<string, string> = setCookie
      ? { 'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` }
      : {};
    if (url.pathname === '/' || url.pathname === '/index.html') {
      send(response, 200, indexHtml, CONTENT_TYPES['.html'], cookie);
      return;
    }

    const path = normalize(join(staticFolder, decodeURIComponent(url.pathname)));
    if (!path.startsWith(staticFolder + sep)) {
      send(response, 404, 'Not found.');
      return;
    }
    try {
      const content = await readFile(path);
      const type = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
      send(response, 200, content, type, cookie);
    } catch {
      send(response, 404, 'Not found.');
    }
  }

  const server = createServer((request, response) => {
    const rejection = foreignOrigin(request, port);
    if (rejection) {
      log.warn(`rejected ${request.method} ${request.url}: ${rejection}`);
      send(response, 403, `${rejection}. Open the URL the preview printed.`);
      return;
    }

    const url = new URL(request.url ?? '/', `http://${PREVIEW_HOST}`);
    const queryToken = url.searchParams.get('token') ?? undefined;
    const headerToken = request.headers[TOKEN_HEADER] as string | undefined;
    const authorised =
      sameToken(headerToken, token) ||
      sameToken(queryToken, token) ||
      sameToken(cookieToken(request), token);
    if (!authorised) {
      send(response, 403, 'Missing or wrong token. Open the URL the preview printed.');
      return;
    }

    const handle =
      url.pathname === '/api/query'
        ? serveApi(request, response)
        : serveStatic(url, response, sameToken(queryToken, token));
    handle.catch((error: Error) => {
      log.error(`${request.method} ${url.pathname}: ${error.message}`);
      if (!response.headersSent) send(response, 500, 'The preview server failed; see its log.');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, PREVIEW_HOST, resolve);
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${PREVIEW_HOST}:${port}/?token=${token}`;
  log.info(`listening on ${PREVIEW_HOST}:${port}`);

  return {
    url,
    port,
    token,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
