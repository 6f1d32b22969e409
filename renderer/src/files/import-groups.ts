import type {
  ImportApplied,
  ImportClassification,
  ImportPreviewItem,
  ImportPreviewReady,
} from '../../../main/contract/index.js';
import { plural } from '../lib/format';

/** The classes in the order the preview lists them: what the import writes first. */
export const CLASS_ORDER: ImportClassification[] = [
  'new',
  'update',
  'conflict',
  'older',
  'identical',
];

export const CLASS_LABELS: Record<ImportClassification, string> = {
  new: 'New',
  update: 'Updates',
  conflict: 'Conflicts',
  older: 'Older versions',
  identical: 'Already here',
};

export const CLASS_HINTS: Record<ImportClassification, string> = {
  new: 'Records this database lacks; importing adds them.',
  update: 'Later versions of records stored here; importing stores them.',
  conflict:
    'Records both sides edited differently, or that the rules of changes reject here. ' +
    'Each is left out unless you accept the file’s version.',
  older: 'Earlier versions of records stored here; they are skipped.',
  identical: 'Records stored here with the same content and version; they are skipped.',
};

/** The records of one class, with how many the preview left out of its list. */
export interface ImportGroup {
  classification: ImportClassification;
  items: ImportPreviewItem[];
  total: number;
  notListed: number;
}

/** Groups the listed records by class in CLASS_ORDER, leaving out empty classes. */
export function groupItems(preview: ImportPreviewReady): ImportGroup[] {
  return CLASS_ORDER.map((classification) => {
    const items = preview.items.filter((item) => item.classification === classification);
    const total = preview.summary[classification];
    return { classification, items, total, notListed: total - items.length };
  }).filter((group) => group.total > 0);
}

/** Sums up a preview in one sentence of counts. */
export function describeSummary(preview: ImportPreviewReady): string {
  const { summary } = preview;
  const acceptable =
    summary.conflict > 0 ? ` (${summary.acceptableConflicts} can be accepted)` : '';
  return (
    `${plural(summary.total, 'record')} in the file: ${summary.new} new, ` +
    `${plural(summary.update, 'update')}, ${plural(summary.conflict, 'conflict')}` +
    `${acceptable}, ${summary.older} older, ${summary.identical} already here.`
  );
}

/** Says what an applied import wrote, for the dialog and the notice. */
export function describeResult(fileName: string, result: ImportApplied): string {
  if (!result.written) {
    return (
      `Nothing was imported from ${fileName}: ${plural(result.skipped, 'record')} ` +
      `already here, ${plural(result.notImported, 'conflict')} left out.`
    );
  }
  const accepted =
    result.conflictsAccepted > 0
      ? `, ${plural(result.conflictsAccepted, 'accepted conflict')}`
      : '';
  return (
    `Imported ${fileName}: ${plural(result.added, 'new record')}, ` +
    `${plural(result.updated, 'update')}${accepted}; ${result.skipped} skipped, ` +
    `${plural(result.notImported, 'conflict')} left out.`
  );
}
