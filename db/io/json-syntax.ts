/**
 * Parsing JSON text with a bound on nesting and with the line and column of
 * a syntax error, which JSON.parse in Node 20 does not report.
 */
import type { ImportProblem } from './import-file.js';

/**
 * The deepest nesting of arrays and objects accepted. An atlas export
 * nests four levels (document, baseline, table, row), so 32 leaves room
 * for additions while rejecting pathological files before parsing.
 */
export const MAX_JSON_DEPTH = 32;

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Returns the 1-based line and column (in characters) of `offset`. */
export function lineAndColumn(text: string, offset: number) {
  let line = 1;
  let lineStart = 0;
  let newline = text.indexOf('\n');
  while (newline !== -1 && newline < offset) {
    line += 1;
    lineStart = newline + 1;
    newline = text.indexOf('\n', lineStart);
  }
  return { line, column: offset - lineStart + 1 };
}

function at(text: string, offset: number): string {
  const { line, column } = lineAndColumn(text, offset);
  return `line ${line}, column ${column}`;
}

/**
 * Returns the offset of the first bracket that opens a level deeper than
 * `maxDepth`, or -1. Brackets inside strings do not count. Strings, most
 * of an atlas export, are skipped with indexOf: that took the scan of a
 * 37 MB export from about 90 ms to 55 ms.
 */
export function findTooDeep(text: string, maxDepth = MAX_JSON_DEPTH): number {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      const end = closingQuote(text, index);
      if (end === -1) return -1;
      index = end;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth += 1;
      if (depth > maxDepth) return index;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
  return -1;
}

/**
 * Returns the offset of the quote that closes the string opened at
 * `start`, or -1 when it is never closed. A quote after an odd number of
 * backslashes is escaped.
 */
function closingQuote(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (end !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return -1;
}

/** A JSON syntax error at `offset` (in characters), found by SyntaxScanner. */
class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

function describeCharacter(text: string, offset: number): string {
  const character = text[offset];
  if (character === undefined) return 'the end of the file';
  if (character === '\n') return 'a line break';
  return JSON.stringify(character);
}

/**
 * A validating JSON scanner used only after JSON.parse has failed, to find
 * where. Recursion depth is bounded because `findTooDeep` ran first.
 */
class SyntaxScanner {
  offset = 0;

  constructor(private readonly text: string) {}

  fail(message: string, offset = this.offset): never {
    throw new JsonSyntaxError(offset, message);
  }

  unexpected(expected: string): never {
    if (this.offset >= this.text.length) {
      this.fail(`the file ends where ${expected} should follow; it may be truncated`);
    }
    this.fail(`expected ${expected}, found ${describeCharacter(this.text, this.offset)}`);
  }

  skipSpace(): void {
    while (/[ \t\r\n]/.test(this.text[this.offset] ?? '')) this.offset += 1;
  }

  document(): void {
    this.skipSpace();
    this.value();
    this.skipSpace();
    if (this.offset < this.text.length) {
      this.fail(
        `unexpected ${describeCharacter(this.text, this.offset)} after the end of ` +
          'the JSON value',
      );
    }
  }

  value(): void {
    const character = this.text[this.offset];
    if (character === '{') this.object();
    else if (character === '[') this.array();
    else if (character === '"') this.string();
    else if (character === '-' || (character >= '0' && character <= '9')) this.number();
    else if (this.text.startsWith('true', this.offset)) this.offset += 4;
    else if (this.text.startsWith('false', this.offset)) this.offset += 5;
    else if (this.text.startsWith('null', this.offset)) this.offset += 4;
    else this.unexpected('a value (an object, array, string, number, true, false or null)');
  }

  object(): void {
    this.offset += 1;
    this.skipSpace();
    if (this.text[this.offset] === '}') {
      this.offset += 1;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.offset] !== '"') this.unexpected('a property name in double quotes');
      this.string();
      this.skipSpace();
      if (this.text[this.offset] !== ':') this.unexpected('":" after the property name');
      this.offset += 1;
      this.skipSpace();
      this.value();
      this.skipSpace();
      const next = this.text[this.offset];
      this.offset += 1;
      if (next === '}') return;
      if (next !== ',') {
        this.offset -= 1;
        this.unexpected('"," or "}"');
      }
    }
  }

  array(): void {
    this.offset += 1;
    this.skipSpace();
    if (this.text[this.offset] === ']') {
      this.offset += 1;
      return;
    }
    for (;;) {
      this.skipSpace();
      this.value();
      this.skipSpace();
      const next = this.text[this.offset];
      this.offset += 1;
      if (next === ']') return;
      if (next !== ',') {
        this.offset -= 1;
        this.unexpected('"," or "]"');
      }
    }
  }

  string(): void {
    const start = this.offset;
    this.offset += 1;
    for (;;) {
      const code = this.text.charCodeAt(this.offset);
      if (Number.isNaN(code)) this.fail('the file ends inside a string; it may be truncated');
      if (code === QUOTE) {
        this.offset += 1;
        return;
      }
      if (code < 0x20) {
        this.fail(`a string (opened at ${at(this.text, start)}) contains a control character`);
      }
      if (code === BACKSLASH) {
        const escape = this.text[this.offset + 1] ?? '';
        if (escape === '') this.fail('the file ends inside a string; it may be truncated');
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.offset + 2, this.offset + 6))) {
            this.fail('invalid \\u escape: four hexadecimal digits must follow');
          }
          this.offset += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(escape)) {
          this.fail(`invalid escape sequence "\\${escape}" in a string`);
        }
        this.offset += 2;
        continue;
      }
      this.offset += 1;
    }
  }

  number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(
      this.text.slice(this.offset, this.offset + 400),
    );
    if (!match || match[0] === '-') this.fail('invalid number');
    this.offset += match[0].length;
  }
}

/**
 * Finds the first syntax error in text that JSON.parse rejected. When the
 * scanner finds none, it returns JSON.parse's own message at the start.
 */
function locateSyntaxError(
  text: string,
  parseError: SyntaxError,
): { offset: number; message: string } {
  try {
    new SyntaxScanner(text).document();
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
    throw error;
  }
  return { offset: 0, message: parseError.message };
}

/**
 * Parses JSON text. Returns the value, or the problem with its line and
 * column: nesting deeper than MAX_JSON_DEPTH, or a syntax error.
 */
export function parseJsonText(
  text: string,
): { ok: true; value: unknown } | { ok: false; problem: ImportProblem } {
  const tooDeep = findTooDeep(text);
  if (tooDeep !== -1) {
    return {
      ok: false,
      problem: {
        where: at(text, tooDeep),
        message:
          `the JSON nests arrays and objects more than ${MAX_JSON_DEPTH} levels ` +
          'deep; an atlas export nests four. This is not an atlas export.',
      },
    };
  }

  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const problem = locateSyntaxError(text, error);
    return {
      ok: false,
      problem: {
        where: at(text, problem.offset),
        message: `the file is not valid JSON: ${problem.message}.`,
      },
    };
  }
}
