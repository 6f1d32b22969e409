import type { Role, ThemeListing } from '../../../main/contract/index.js';

/** Roles in the order panels and legends list them. */
export const ROLE_ORDER: Role[] = [
  'member',
  'associate',
  'observer',
  'participant',
  'suspended',
];

export const ROLE_LABELS: Record<Role, string> = {
  member: 'Member',
  associate: 'Associate',
  observer: 'Observer',
  participant: 'Participant',
  suspended: 'Suspended',
};

/** Plural headings for lists grouped by role. */
export const ROLE_GROUP_LABELS: Record<Role, string> = {
  member: 'Members',
  associate: 'Associates',
  observer: 'Observers',
  participant: 'Participants',
  suspended: 'Suspended',
};

/** Groups items by role in ROLE_ORDER, leaving out empty groups. */
export function groupByRole<T extends { role: Role }>(
  items: T[],
): { role: Role; items: T[] }[] {
  return ROLE_ORDER.map((role) => ({
    role,
    items: items.filter((item) => item.role === role),
  })).filter((group) => group.items.length > 0);
}

/** Marks for pairs that only one of IOM's two theme tables lists. */
export const LISTING_MARKS: Record<ThemeListing, string> = {
  both: '',
  area_only: '†',
  iscm_only: '‡',
};

export const LISTING_TITLES: Record<ThemeListing, string> = {
  both: 'in both of IOM’s tables',
  area_only: 'only in the table by area',
  iscm_only: 'only in the table by ISCM',
};
