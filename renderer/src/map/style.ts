/** Colours and path styles of the map, shared by the layers and the legend. */
import type { PathOptions } from 'leaflet';

import type { MapSummary, Role } from '../../../main/contract/index.js';
import {
  binColor,
  NO_DATA_COLOR,
  type CountBin,
} from '../../../main/contract/map/bins.js';

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
