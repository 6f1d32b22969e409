/** Rows of the two theme tables, built from the themeTables result. */
import type {
  ThemeListing,
  ThemeTables,
} from '../../../main/contract/index.js';

/** One ISCM in a theme's row, or one theme in an ISCM's row. */
export interface PairItem {
  id: string;
  label: string;
  listing: ThemeListing;
}

export interface TableRow {
  id: string;
  label: string;
  /** The ISCM's full name; empty for themes. */
  detail: string;
  items: PairItem[];
  /** Items listed by only one of IOM's two tables. */
  disputed: number;
}

export type SortKey = 'label' | 'count' | 'disputed';
export type SortDirection = 'ascending' | 'descending';

/** Rows of the table by area of focus: each theme with its ISCMs. */
export function rowsByArea(tables: ThemeTables): TableRow[] {
  const iscmNames = new Map(tables.iscms.map((iscm) => [iscm.id, iscm]));
  return tables.themes.map((theme) =>
    makeRow(
      theme.id,
      theme.name,
      '',
      tables.pairs
        .filter((pair) => pair.themeId === theme.id)
        .map((pair) => ({
          id: pair.bodyId,
          label: iscmNames.get(pair.bodyId)?.shortName ?? pair.bodyId,
          listing: pair.listing,
        })),
    ),
  );
}

/** Rows of the table by ISCM: each ISCM with its themes. */
export function rowsByIscm(tables: ThemeTables): TableRow[] {
  const themeNames = new Map(tables.themes.map((theme) => [theme.id, theme]));
  return tables.iscms.map((iscm) =>
    makeRow(
      iscm.id,
      iscm.shortName,
      iscm.name === iscm.shortName ? '' : iscm.name,
      tables.pairs
        .filter((pair) => pair.bodyId === iscm.id)
        .map((pair) => ({
          id: pair.themeId,
          label: themeNames.get(pair.themeId)?.name ?? pair.themeId,
          listing: pair.listing,
        })),
    ),
  );
}

function makeRow(
  id: string,
  label: string,
  detail: string,
  items: PairItem[],
): TableRow {
  items.sort((a, b) => a.label.localeCompare(b.label));
  const disputed = items.filter((item) => item.listing !== 'both').length;
  return { id, label, detail, items, disputed };
}

/** Folds case and accents for the filter box. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

/** Keeps the rows whose name, full name or any listed item contains `text`. */
export function filterRows(rows: TableRow[], text: string): TableRow[] {
  const folded = foldText(text);
  if (folded === '') return rows;

  return rows.filter(
    (row) =>
      foldText(row.label).includes(folded) ||
      foldText(row.detail).includes(folded) ||
      row.items.some((item) => foldText(item.label).includes(folded)),
  );
}

/** Returns the rows sorted by `key`; ties fall back to the name. */
export function sortRows(
  rows: TableRow[],
  key: SortKey,
  direction: SortDirection,
): TableRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const byName = (a: TableRow, b: TableRow) => a.label.localeCompare(b.label);
  const compare: Record<SortKey, (a: TableRow, b: TableRow) => number> = {
    label: byName,
    count: (a, b) => a.items.length - b.items.length,
    disputed: (a, b) => a.disputed - b.disputed,
  };

  return [...rows].sort(
    (a, b) => sign * compare[key](a, b) || byName(a, b),
  );
}
