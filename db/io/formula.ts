import type { Cell } from './types.js';

/**
 * First characters that make a spreadsheet read a cell as a formula, or
 * (tab and carriage return) that some spreadsheets strip before doing so.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Prefixes text that a spreadsheet would run as a formula with an
 * apostrophe, so that CSV and Excel files show it as typed. Numbers pass
 * through unchanged. JSON exports keep the original text and do not call this.
 */
export function neutralizeFormula(cell: Cell): Cell {
  if (typeof cell !== 'string' || cell.length === 0) return cell;
  return FORMULA_TRIGGERS.has(cell[0]) ? `'${cell}` : cell;
}
