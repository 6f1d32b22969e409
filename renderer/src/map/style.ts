/** Colours and path styles of the map, shared by the layers and the legend. */
import type { PathOptions } from 'leaflet';

import type { MapSummary, Role } from '../../../main/contract/index.js';

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

export const NO_ISCM_COLOR = '#f3efe4';
export const NO_DATA_COLOR = '#d5d5d5';
export const NOT_HIGHLIGHTED_COLOR = '#eef0f2';
const BORDER_COLOR = '#ffffff';

/** Fill colour and stroke dash pattern of each role when a filter is on. */
export const ROLE_STYLES: Record<Role, { color: string; dash: string | null }> =
  {
    member: { color: '#0b6e8a', dash: null },
    associate: { color: '#4f9d4f', dash: '6 3' },
    observer: { color: '#e69f00', dash: '2 3' },
    participant: { color: '#9b6fc9', dash: '8 3 2 3' },
    suspended: { color: '#c0392b', dash: '1 3' },
  };

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

export function binColor(bins: CountBin[], count: number): string {
  if (count < 1) return NO_ISCM_COLOR;
  const bin = bins.find((candidate) => count <= candidate.to);
  return (bin ?? bins[bins.length - 1]).color;
}

/** The data a country's style depends on. */
export interface ShapeState {
  inDataset: boolean;
  count: number;
  /** Role in the filtered body or theme; null when none or no filter. */
  highlight: Role | null;
}

/**
 * Returns the path style of a country: the choropleth colour of its count
 * without a filter, or its role's colour and dash pattern with one.
 */
export function shapeStyle(
  state: ShapeState,
  summary: MapSummary,
  bins: CountBin[],
): PathOptions {
  const base: PathOptions = {
    color: BORDER_COLOR,
    weight: 0.6,
    opacity: 1,
    dashArray: undefined,
    fillOpacity: 1,
  };
  if (!state.inDataset) return { ...base, fillColor: NO_DATA_COLOR };

  if (summary.filter.type === 'none') {
    return { ...base, fillColor: binColor(bins, state.count) };
  }
  if (state.highlight === null) {
    return { ...base, fillColor: NOT_HIGHLIGHTED_COLOR };
  }

  const role = ROLE_STYLES[state.highlight];
  return {
    ...base,
    fillColor: role.color,
    color: role.dash ? '#1d2733' : '#083847',
    weight: role.dash ? 1.4 : 0.9,
    dashArray: role.dash ?? undefined,
  };
}
