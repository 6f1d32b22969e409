import type { CountOptions } from '../../../main/contract/index.js';
import { ROLE_LABELS } from './roles';

/** Describes the count switches in words, e.g. "members and observers". */
export function describeCount(count: CountOptions): string {
  const roles = ['members', ...count.includeRoles.map(pluralRole)];
  const last = roles.pop();
  const listed = roles.length > 0 ? `${roles.join(', ')} and ${last}` : last;
  const scope = count.excludeGlobal ? ', global processes left out' : '';
  return `counting ${listed}${scope}`;
}

function pluralRole(role: CountOptions['includeRoles'][number]): string {
  return role === 'suspended'
    ? 'suspended members'
    : `${ROLE_LABELS[role].toLowerCase()}s`;
}

/** True for an http or https URL that can be shown as a link. */
export function isWebUrl(text: string): boolean {
  return /^https?:\/\/\S+$/i.test(text.trim());
}

/** Writes "1 ISCM" or "3 ISCMs"; `pluralNoun` for irregular plurals. */
export function plural(
  count: number,
  noun: string,
  pluralNoun = `${noun}s`,
): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
