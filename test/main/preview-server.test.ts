import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openAtlasDatabase } from '../../db/open.js';
import {
  CONTENT_SECURITY_POLICY,
  startPreviewServer,
  type PreviewServer,
} from '../../main/preview/server.js';

const TOKEN = 'test-token-0123456789';
let server: PreviewServer;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends a raw request so tests control the Host and Origin headers. */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: `127.0.0.1:${server.port}`, ...options.headers },
      },
      (incoming) => {
        let body = '';
        incoming.on('data', (chunk) => (body += chunk));
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

function postQuery(body: string, headers: Record<string, string> = {}): Promise<Reply> {
  return send('/api/query', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Atlas-Token': TOKEN, ...headers },
    body,
  });
}

beforeAll(async () => {
  const staticFolder = mkdtempSync(join(tmpdir(), 'atlas-static-'));
  writeFileSync(
    join(staticFolder, 'index.html'),
    '<html><head><meta name="atlas-preview-token" content="" /></head></html>',
  );
  writeFileSync(join(staticFolder, 'app.js'), 'console.log(1);');
  writeFileSync(join(tmpdir(), 'outside-secret.txt'), 'secret');

  server = await startPreviewServer({
    context: {
      db: openAtlasDatabase(':memory:'),
      databasePath: ':memory:',
      today: () => '2026-12-04',
    },
    staticFolder,
    port: 0,
    token: TOKEN,
  });
});

afterAll(async () => {
  await server.close();
});

describe('preview server', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('serves the page with the token injected and a CSP header', async () => {
    const reply = await send(`/?token=${TOKEN}`);

    expect(reply.status).toBe(200);
    expect(reply.body).toContain(`content="${TOKEN}"`);
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(String(reply.headers['set-cookie'])).toContain('HttpOnly');
  });

  it('accepts the cookie it set for later files', async () => {
    const reply = await send('/app.js', { headers: { Cookie: `atlas_token=${TOKEN}` } });

    expect(reply.status).toBe(200);
    expect(reply.body).toBe('console.log(1);');
  });

  it('rejects requests without the token', async () => {
    expect((await send('/')).status).toBe(403);
    expect((await send('/app.js')).status).toBe(403);
    expect((await postQuery('{}', { 'X-Atlas-Token': 'wrong' })).status).toBe(403);
  });

  it('rejects a foreign Host header', async () => {
    const reply = await send(`/?token=${TOKEN}`, { headers: { Host: 'evil.example:80' } });

    expect(reply.status).toBe(403);
    expect(reply.body).toContain('Host');
  });

  it('rejects a foreign Origin header', async () => {
    const reply = await postQuery(JSON.stringify({ name: 'appInfo', input: {} }), {
      Origin: 'http://evil.example',
    });

    expect(reply.status).toBe(403);
    expect(reply.body).toContain('Origin');
  });

  it('answers queries with result values', async () => {
    const reply = await postQuery(JSON.stringify({ name: 'listBodies', input: { kind: 'igo' } }), {
      Origin: `http://127.0.0.1:${server.port}`,
    });
    const result = JSON.parse(reply.body);

    expect(reply.status).toBe(200);
    expect(result.ok).toBe(true);
    expect(result.value).toHaveLength(24);
  });

  it('returns invalid_input for a body that is not JSON', async () => {
    const result = JSON.parse((await postQuery('{"name": ')).body);

    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid_input');
  });

  it('rejects GET on the API', async () => {
    const reply = await send('/api/query', { headers: { 'X-Atlas-Token': TOKEN } });

    expect(reply.status).toBe(405);
  });

  it('serves nothing outside its folder', async () => {
    const reply = await send('/..%2foutside-secret.txt', {
      headers: { 'X-Atlas-Token': TOKEN },
    });

    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('secret');
  });
});
