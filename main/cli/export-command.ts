import { extname, resolve, sep } from 'node:path';

import { AS_OF_FORMATS, type AsOfFormat, exportAsOf } from '../../db/io/export.js';
import { exportJson } from '../../db/io/json-export.js';
import { OPTIONAL_COUNT_ROLES } from '../contract/index.js';
import { asOfProblem } from '../contract/dates.js';
import type { CountOptions } from '../contract/types.js';
import { type CliCommand, type OptionValues, UsageError } from './command.js';
import { withDatabase } from './database.js';

const FORMATS = [...AS_OF_FORMATS, 'json'] as const;
type OptionalRole = (typeof OPTIONAL_COUNT_ROLES)[number];

const HELP = `Usage: iscm-atlas export --format FORMAT --out PATH [options]

Writes the memberships in force on a day, with each country's ISCM count,
or with --format json the whole dataset and its history.

Options:
  --format FORMAT        xlsx (Excel), csv, geojson, svg or png (a map), or
                         json: the 2020 baseline with every change, correction,
                         revert and annotation and all their versions, for
                         iscm-atlas import; --as-of and the count switches
                         do not apply to it
  --out PATH             the file to write; for csv a folder, or with --zip
                         a .zip file, named PATH.zip when PATH has no
                         extension. A failed export leaves PATH as it was
  --as-of YYYY-MM-DD     the day (default: today); from 2020-12-31 to one
                         year after today
  --zip                  csv only: write one .zip file instead of a folder
  --include-roles LIST   also count these roles, comma-separated: observer,
                         associate, participant, suspended (members always count)
  --exclude-global       leave the global processes (GFMD, IDM) out of the count
  --db FILE              the atlas database; created from the 2020 baseline if
                         missing (default: the desktop app's database)
  --author NAME          accepted for every command; an export records nothing
  --help                 show this help

Examples:
  iscm-atlas export --format xlsx --out atlas.xlsx
  iscm-atlas export --format csv --as-of 2023-06-30 --out csv-2023 --zip
  iscm-atlas export --format png --include-roles observer --out map.png
  iscm-atlas export --format json --out atlas.json
`;

function parseFormat(value: string | undefined): AsOfFormat | 'json' {
  if (value === undefined) {
    throw new UsageError(`--format is required: one of ${FORMATS.join(', ')}.`);
  }
  const format = FORMATS.find((candidate) => candidate === value.toLowerCase());
  if (!format) {
    throw new UsageError(`unknown --format "${value}": use one of ${FORMATS.join(', ')}.`);
  }
  return format;
}

/** Parses "observer,participant"; "member" is accepted and always counted anyway. */
export function parseIncludeRoles(value: string | undefined): OptionalRole[] {
  if (value === undefined) return [];
  const roles = new Set<OptionalRole>();

  for (const part of value.split(',')) {
    const role = part.trim().toLowerCase();
    if (role === '' || role === 'member') continue;
    const known = OPTIONAL_COUNT_ROLES.find((candidate) => candidate === role);
    if (!known) {
      throw new UsageError(
        `unknown role "${part.trim()}" in --include-roles: use ` +
          `${OPTIONAL_COUNT_ROLES.join(', ')}, separated by commas.`,
      );
    }
    roles.add(known);
  }
  return OPTIONAL_COUNT_ROLES.filter((role) => roles.has(role));
}

function parseAsOf(value: string | undefined, today: string): string {
  const asOf = value ?? today;
  const problem = asOfProblem(asOf, today);
  if (problem) throw new UsageError(`--as-of: ${problem}`);
  return asOf;
}

/**
 * Returns the path of a CSV zip: PATH.zip when PATH has no extension, such
 * as "tables" or "exports/2023", and PATH as given otherwise. Throws a
 * UsageError when PATH ends with a separator, because that names a folder.
 */
function zipOutPath(out: string): string {
  if (out.endsWith('/') || out.endsWith(sep)) {
    throw new UsageError(
      `--out "${out}" ends with a path separator, so it names a folder. ` +
        `With --zip, give the zip file's name, such as ${out}atlas.zip.`,
    );
  }
  return extname(out) === '' ? `${out}.zip` : out;
}

function stringOption(values: OptionValues, name: string): string | undefined {
  return values[name] as string | undefined;
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary:
    'write the data as of a day (Excel, CSV, GeoJSON, SVG or PNG map), or all as JSON',
  help: HELP,
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    'as-of': { type: 'string' },
    zip: { type: 'boolean', default: false },
    'include-roles': { type: 'string' },
    'exclude-global': { type: 'boolean', default: false },
  },

  async run(values, _positionals, common, context) {
    const format = parseFormat(stringOption(values, 'format'));
    const out = stringOption(values, 'out');
    if (out === undefined || out.trim() === '') {
      throw new UsageError(
        '--out is required: the file to write (for csv, a folder or with --zip a .zip file).',
      );
    }
    const zip = values.zip === true;
    if (zip && format !== 'csv') {
      throw new UsageError(`--zip applies to --format csv only, not ${format}.`);
    }
    const outPath = resolve(context.cwd, zip ? zipOutPath(out) : out);
    if (format === 'json') {
      const notApplicable = ['as-of', 'include-roles', 'exclude-global'].filter(
        (name) => values[name] !== undefined && values[name] !== false,
      );
      if (notApplicable.length > 0) {
        throw new UsageError(
          `--${notApplicable[0]} does not apply to --format json, which contains ` +
            'the whole history rather than one day.',
        );
      }
      const result = await withDatabase(common.databasePath, (db) =>
        exportJson(db, outPath),
      );
      context.stdout.write(`${result.summary}\n`);
      return 0;
    }

    const count: CountOptions = {
      includeRoles: parseIncludeRoles(stringOption(values, 'include-roles')),
      excludeGlobal: values['exclude-global'] === true,
    };
    const asOf = parseAsOf(stringOption(values, 'as-of'), context.today());

    const result = await withDatabase(common.databasePath, (db) =>
      exportAsOf(db, { format, out: outPath, zip, asOf, count }),
    );
    context.stdout.write(`${result.summary}\n`);
    for (const note of result.notes) context.stderr.write(`note: ${note}\n`);
    return 0;
  },
};
