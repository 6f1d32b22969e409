import { backupFolderOf } from '../../db/backup.js';
import {
  applyImport,
  previewImport,
  type ImportItem,
  type ImportPreview,
} from '../../db/io/json-import.js';
import type { CliCommand, CliContext } from './command.js';
import { withDatabase } from './database.js';
import { readInputFile, reportImportFailure } from './import-input.js';

const HELP = `Usage: iscm-atlas import FILE.json [--dry-run] [options]

Merges a JSON dataset exported by the app (export --format json) into the
database. Records the database lacks are added, through the same checks as
records typed in; later versions of records it holds are stored. Records
both sides edited differently, and records the rules of changes reject
here, are conflicts: they are listed and left out. Importing the same file
twice changes nothing the second time.

Before writing, the database is backed up into the folder "NAME-backups"
next to it, such as atlas-backups for atlas.sqlite; the last ten import
backups are kept. An import that writes something is
logged with its author, time, file name and counts.

Options:
  --dry-run        list what the import would do, and write nothing
  --db FILE        the atlas database; created from the 2020 baseline if
                   missing (default: the desktop app's database)
  --author NAME    who is logged as running the import (default: the
                   operating-system user); each record keeps its own author
  --help           show this help

Exit status: 0 when every record was imported or already present, 1 when
there are conflicts or the file cannot be imported, 2 for an invalid
command line.
`;

function describeSummary(preview: ImportPreview): string {
  const { summary } = preview;
  return (
    `${preview.fileName}: ${summary.total} records: ${summary.new} new, ` +
    `${summary.update} updates, ${summary.identical} identical, ${summary.older} ` +
    `older, ${summary.conflict} conflicts.`
  );
}

function listConflicts(conflicts: ImportItem[], context: CliContext): void {
  for (const item of conflicts) {
    // The command-line tool leaves every conflict out; the app can accept some.
    const howToAccept = item.acceptable
      ? " To accept it, import the file in the app's Import dialog."
      : '';
    context.stderr.write(
      `conflict at ${item.path} (${item.type} ${item.id}), ${item.description}: ` +
        `${item.reason}${howToAccept}\n`,
    );
  }
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'merge a JSON dataset exported by the app; conflicts are listed',
  help: HELP,
  options: {
    'dry-run': { type: 'boolean', default: false },
  },
  positionals: { min: 1, max: 1, names: 'one FILE.json' },

  async run(values, positionals, common, context) {
    const dryRun = values['dry-run'] === true;
    try {
      const file = await readInputFile(positionals[0], context);
      return await withDatabase(common.databasePath, async (db) => {
        const preview = previewImport(db, file.bytes, file.fileName, {
          today: context.today(),
        });
        const conflicts = preview.items.filter((item) => item.classification === 'conflict');
        for (const note of preview.notes) context.stderr.write(`note: ${note}\n`);
        listConflicts(conflicts, context);

        if (dryRun) {
          context.stdout.write(
            `Dry run, nothing was written. ${describeSummary(preview)}\n`,
          );
          return conflicts.length > 0 ? 1 : 0;
        }

        const result = await applyImport(
          db,
          preview,
          { acceptConflicts: [], backupFolder: backupFolderOf(common.databasePath) },
          common.author,
        );
        const outcome = result.written
          ? `Imported ${result.added} new records and ${result.updated} updates; ` +
            `${result.skipped} were already present and ${result.notImported} ` +
            `conflicts were left out. Backup before the import: ${result.backupPath}.`
          : `Nothing was written: ${result.skipped} records were already present and ` +
            `${result.notImported} conflicts were left out.`;
        context.stdout.write(`${describeSummary(preview)}\n${outcome}\n`);
        return conflicts.length > 0 ? 1 : 0;
      });
    } catch (error) {
      return reportImportFailure(error, 'import', context);
    }
  },
};
