#!/usr/bin/env node
// Launches the command-line tool compiled to dist/ by `npm run build:node`.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/node/main/cli/index.js', import.meta.url);

if (!existsSync(entry)) {
  process.stderr.write(
    'iscm-atlas: the compiled tool (dist/node/main/cli/index.js) is missing; ' +
      'run npm run build first (npm run build:node is enough).\n',
  );
  process.exit(1);
}

const { runCli } = await import(entry.href);
process.exitCode = await runCli(process.argv.slice(2));
