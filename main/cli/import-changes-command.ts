import { backupFolderOf } from '../../db/backup.js';
import { importChangesCsv } from '../../db/io/csv-import.js';
import type { CliCommand } from './command.js';
import { withDatabase } from './database.js';
import { readInputFile, reportImportFailure } from './import-input.js';

const HELP = `Usage: iscm-atlas import-changes FILE.csv [--all-or-nothing] [options]

Records dated membership changes from a CSV table, one change a row.

The first row is the header. Required columns: body_id, iso3, change
(joined, left, suspended, reinstated, role_changed, observer_granted or
associate_granted), effective_date (YYYY-MM-DD, or YYYY-MM) and source.
Optional columns: announced_date, new_role (for role_changed) and note.
Other columns, such as country, are ignored.

Rows are checked in file order, each against the state left by the rows
accepted before it. Rejected rows are listed with their line number and
reason; the accepted rows are recorded in one transaction. A row that
repeats a change recorded already (same body, country, change and
effective date) is skipped and listed, so importing a table twice records
nothing the second time. Before writing, the database is backed up into
the folder "NAME-backups" next to it, such as atlas-backups for
atlas.sqlite; the last ten import backups are kept.

Options:
  --all-or-nothing   record no row at all if any row is rejected
  --db FILE          the atlas database; created from the 2020 baseline if
                     missing (default: the desktop app's database)
  --author NAME      who is recorded as the author of the changes
                     (default: the operating-system user)
  --help             show this help

Exit status: 0 if every row was accepted or skipped as already recorded,
1 if any row was rejected, 2 for an invalid command line.
`;

export const importChangesCommand: CliCommand = {
  name: 'import-changes',
  summary: 'record dated membership changes from a CSV table',
  help: HELP,
  options: {
    'all-or-nothing': { type: 'boolean', default: false },
  },
  positionals: { min: 1, max: 1, names: 'one FILE.csv' },

  async run(values, positionals, common, context) {
    const allOrNothing = values['all-or-nothing'] === true;
    try {
      const file = await readInputFile(positionals[0], context);
      return await withDatabase(common.databasePath, async (db) => {
        const result = await importChangesCsv(db, file.bytes, file.fileName, {
          author: common.author,
          today: context.today(),
          allOrNothing,
          backupFolder: backupFolderOf(common.databasePath),
        });

        for (const { line, message } of result.rejected) {
          context.stderr.write(`${file.fileName} line ${line}: rejected: ${message}\n`);
        }
        for (const { line, message } of result.skipped) {
          context.stdout.write(`${file.fileName} line ${line}: skipped: ${message}\n`);
        }
        const skipped = result.skipped.length;
        const rows = result.accepted.length + result.rejected.length + skipped;
        const skippedNote = skipped > 0 ? ` ${skipped} rows were already recorded.` : '';
        if (result.written) {
          context.stdout.write(
            `Recorded ${result.accepted.length} of ${rows} changes from ` +
              `${file.fileName}.${skippedNote} Backup before the import: ${result.backupPath}.\n`,
          );
        } else if (rows === 0) {
          context.stdout.write(`${file.fileName} has no data rows; nothing was recorded.\n`);
        } else if (result.rejected.length === 0) {
          context.stdout.write(
            `Nothing was recorded: all ${rows} rows of ${file.fileName} were already recorded.\n`,
          );
        } else {
          context.stderr.write(
            `Nothing was recorded: ${result.rejected.length} of ${rows} rows were rejected` +
              `${allOrNothing && result.accepted.length > 0 ? ' (--all-or-nothing)' : ''}.\n`,
          );
        }
        return result.rejected.length === 0 ? 0 : 1;
      });
    } catch (error) {
      return reportImportFailure(error, 'import-changes', context);
    }
  },
};
