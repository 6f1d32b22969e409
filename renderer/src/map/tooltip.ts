import type { MapSummary, Role } from '../../../main/contract/index.js';
import { plural } from '../lib/format';
import { ROLE_LABELS } from '../lib/roles';

/**
 * Builds the hover text of a country: its name, its ISCM count and, when a
 * filter is on, its role. Returns an element so that names are never
 * parsed as HTML.
 */
export function tooltipContent(
  name: string,
  inDataset: boolean,
  count: number,
  highlight: Role | null,
  summary: MapSummary | null,
): HTMLElement {
  const box = document.createElement('div');
  const title = document.createElement('strong');
  title.textContent = name;
  box.append(title);

  const line = document.createElement('div');
  line.textContent = inDataset
    ? plural(count, 'ISCM')
    : 'Not in the dataset';
  box.append(line);

  if (inDataset && summary && summary.filter.type !== 'none') {
    const role = document.createElement('div');
    const label = summary.filter.label;
    role.textContent = roleText(summary.filter.type, label, highlight);
    box.append(role);
  }
  return box;
}

function roleText(
  type: 'body' | 'theme',
  label: string,
  highlight: Role | null,
): string {
  if (highlight === null) {
    return type === 'body'
      ? `Not in ${label}`
      : `In no ISCM covering “${label}”`;
  }
  const role = ROLE_LABELS[highlight];
  return type === 'body'
    ? `${role} of ${label}`
    : `${role} of an ISCM covering “${label}”`;
}
