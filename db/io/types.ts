import type { CountOptions } from '../../main/contract/types.js';

/** A cell of an export table: text, or a count. Empty text is an empty cell. */
export type Cell = string | number;

export const TABLE_NAMES = [
  'memberships',
  'matrix',
  'themes',
  'changes',
  'annotations',
  'countries',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** One table of an export, the same for CSV files and Excel sheets. */
export interface ExportTable {
  name: TableName;
  header: string[];
  rows: Cell[][];
}

/** Options of an as-of export: the day and the switches of the ISCM count. */
export interface AsOfOptions {
  /** A checked calendar day, YYYY-MM-DD, from the baseline day on. */
  asOf: string;
  count: CountOptions;
}
