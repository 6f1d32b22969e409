import type { ParseArgsConfig } from 'node:util';

/** Output stream of a command: stdout for results and help, stderr for errors and notes. */
export interface CliOutput {
  write(text: string): unknown;
}

/** Environment of a command besides its arguments; tests inject each part. */
export interface CliContext {
  stdout: CliOutput;
  stderr: CliOutput;
  /** Folder that relative paths are resolved against. */
  cwd: string;
  /** Today as YYYY-MM-DD. */
  today: () => string;
}

/** Options every command accepts. */
export interface CommonOptions {
  /** Absolute path of the database file. */
  databasePath: string;
  /** Display name recorded as the author of writes. */
  author: string;
}

export type OptionValues = Record<string, string | boolean | undefined>;

/** A command of the tool: its options, its help, and what it does. */
export interface CliCommand {
  name: string;
  /** One line for the list of commands. */
  summary: string;
  /** The command's help text, printed by --help. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Positional arguments the command takes, such as an input file; none by default. */
  positionals?: { min: number; max: number; names: string };
  /** Returns the process exit code: 0 on success, 1 on failure. */
  run(
    values: OptionValues,
    positionals: string[],
    common: CommonOptions,
    context: CliContext,
  ): Promise<number>;
}

/** An invalid command line; the tool exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
