/**
 * The choropleth's count classes and fill colours, shared by the app's map
 * and legend and by the command-line map exports.
 */

/** A class of the choropleth: counts from `from` to `to`, inclusive. */
export interface CountBin {
  from: number;
  to: number;
  color: string;
}

/** Light to dark; a legend with fewer classes takes evenly spaced colours. */
const COUNT_PALETTE = [
  '#c6def0',
  '#99c5e3',
  '#66a9d3',
  '#3d8bc2',
  '#1f6aa5',
  '#0c4680',
];

/** Fill of a country of the dataset that is in no ISCM (only in IGOs). */
export const NO_ISCM_COLOR = '#f3efe4';
/** Fill of a country or shape that is not in the dataset. */
export const NO_DATA_COLOR = '#d5d5d5';

/** Splits 1..maxCount into at most six classes of equal width. */
export function countBins(maxCount: number): CountBin[] {
  if (maxCount < 1) return [];

  const width = Math.ceil(maxCount / COUNT_PALETTE.length);
  const classes = Math.ceil(maxCount / width);
  const bins: CountBin[] = [];
  for (let index = 0; index < classes; index++) {
    const paletteIndex =
      classes === 1
        ? COUNT_PALETTE.length - 1
        : Math.round(
            (index * (COUNT_PALETTE.length - 1)) / (classes - 1),
          );
    bins.push({
      from: index * width + 1,
      to: Math.min((index + 1) * width, maxCount),
      color: COUNT_PALETTE[paletteIndex],
    });
  }
  return bins;
}

/** Returns the fill of an ISCM count: its class's colour, or NO_ISCM_COLOR below 1. */
export function binColor(bins: CountBin[], count: number): string {
  if (count < 1) return NO_ISCM_COLOR;
  const bin = bins.find((candidate) => count <= candidate.to);
  return (bin ?? bins[bins.length - 1]).color;
}

/** Returns a class's legend label: "4" or "4–6". */
export function binLabel(bin: CountBin): string {
  return bin.from === bin.to ? String(bin.from) : `${bin.from}–${bin.to}`;
}
