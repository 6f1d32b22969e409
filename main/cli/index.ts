/**
 * `iscm-atlas <command> [--db FILE] [options]`: the command-line tool.
 * bin/iscm-atlas.js calls runCli with the process's arguments; tests call
 * it in process with their own output streams.
 */
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { toIsoDay } from '../contract/dates.js';
import { DATABASE_FILE, defaultDataFolder } from '../paths.js';
import {
  type CliCommand,
  type CliContext,
  type CommonOptions,
  type OptionValues,
  UsageError,
} from './command.js';
import { exportCommand } from './export-command.js';
import { importChangesCommand } from './import-changes-command.js';
import { importCommand } from './import-command.js';
import { describeFailure } from './failures.js';

const PROGRAM = 'iscm-atlas';

/** The commands, in the order the help lists them. */
const COMMANDS: CliCommand[] = [exportCommand, importCommand, importChangesCommand];

const COMMON_OPTIONS = {
  db: { type: 'string' },
  author: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function defaultDatabasePath(): string {
  return join(defaultDataFolder(), DATABASE_FILE);
}

/** Help text of the whole tool. */
export function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length)) + 4;
  const commands = COMMANDS.map((command) => `  ${command.name.padEnd(width)}${command.summary}`);
  return [
    `Usage: ${PROGRAM} <command> [--db FILE] [options]`,
    '',
    'Commands:',
    ...commands,
    '',
    'Options of every command:',
    '  --db FILE       the atlas database; a missing file is created from the 2020',
    '                  baseline (default: the desktop app\'s database,',
    `                  ${defaultDatabasePath()})`,
    '  --author NAME   who is recorded as the author of changes',
    '                  (default: the operating-system user)',
    '  --help          show this help, or with a command, that command\'s options',
    '',
    'Exit status: 0 on success, 1 when the command failed, 2 for an invalid',
    'command line.',
    '',
  ].join('\n');
}

function defaultAuthor(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function defaultContext(): CliContext {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    today: () => toIsoDay(new Date()),
  };
}

function parseCommandLine(
  command: CliCommand,
  args: string[],
): { values: OptionValues; positionals: string[] } {
  try {
    const parsed = parseArgs({
      args,
      options: { ...COMMON_OPTIONS, ...command.options },
      allowPositionals: command.positionals !== undefined,
      strict: true,
    });
    return { values: parsed.values as OptionValues, positionals: parsed.positionals };
  } catch (error) {
    // parseArgs throws a TypeError naming the unknown option or missing value.
    throw new UsageError((error as Error).message);
  }
}

function checkPositionals(command: CliCommand, positionals: string[]): void {
  const expected = command.positionals;
  if (!expected || (positionals.length >= expected.min && positionals.length <= expected.max)) {
    return;
  }
  throw new UsageError(
    `${command.name} takes ${expected.names}, but ${positionals.length} ` +
      `argument(s) were given: ${positionals.join(' ') || '(none)'}.`,
  );
}

function commonOptions(values: OptionValues, context: CliContext): CommonOptions {
  const db = values.db as string | undefined;
  const author = values.author as string | undefined;
  if (db !== undefined && db.trim() === '') throw new UsageError('--db must name a file.');
  if (author !== undefined && author.trim() === '') {
    throw new UsageError('--author must not be empty.');
  }
  return {
    databasePath: db === undefined ? defaultDatabasePath() : resolve(context.cwd, db),
    author: author?.trim() ?? defaultAuthor(),
  };
}

async function runCommand(
  command: CliCommand,
  args: string[],
  context: CliContext,
): Promise<number> {
  const { values, positionals } = parseCommandLine(command, args);
  if (values.help) {
    context.stdout.write(command.help);
    return 0;
  }
  checkPositionals(command, positionals);
  return command.run(values, positionals, commonOptions(values, context), context);
}

/**
 * Runs the tool on `argv` (the arguments after the program name) and
 * returns the exit code: 0 on success, 1 on failure, 2 for a usage error.
 */
export async function runCli(
  argv: string[],
  overrides: Partial<CliContext> = {},
): Promise<number> {
  const context = { ...defaultContext(), ...overrides };
  const [name, ...args] = argv;

  if (name === undefined) {
    context.stderr.write(generalHelp());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    context.stdout.write(generalHelp());
    return 0;
  }

  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    const names = COMMANDS.map((candidate) => candidate.name).join(', ');
    const problem = name.startsWith('-')
      ? `the command comes first, before "${name}"`
      : `unknown command "${name}"`;
    context.stderr.write(
      `${PROGRAM}: ${problem}. Commands: ${names}. Run "${PROGRAM} --help" for usage.\n`,
    );
    return 2;
  }

  try {
    return await runCommand(command, args, context);
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr.write(
        `${PROGRAM} ${command.name}: ${error.message}\n` +
          `Run "${PROGRAM} ${command.name} --help" for the options.\n`,
      );
      return 2;
    }
    context.stderr.write(`${PROGRAM} ${command.name}: ${describeFailure(error)}\n`);
    return 1;
  }
}
