/** Column alignment: text to the left, numbers to the right. */
export type Align = 'left' | 'right';

/**
 * Formats rows as a plain-text table with a header line and a rule under
 * it. Every row must have as many cells as `header`.
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[],
): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );

  const formatRow = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        align[column] === 'right'
          ? cell.padStart(widths[column])
          : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd();

  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [formatRow(header), rule, ...rows.map(formatRow)].join('\n');
}

/** Formats milliseconds with two decimals below 10 ms and one above. */
export function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}
