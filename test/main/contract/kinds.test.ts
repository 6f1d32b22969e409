import { describe, expect, it } from 'vitest';

import {
  ENTRY_KIND_LABELS,
  KIND_LABELS,
  describeAllowedRoles,
  describeKind,
} from '../../../main/contract/kinds.js';
import { CHANGE_KINDS } from '../../../main/contract/records.js';

describe('KIND_LABELS', () => {
  it.each(CHANGE_KINDS)('begins with the short label of %s', (kind) => {
    expect(KIND_LABELS[kind].startsWith(ENTRY_KIND_LABELS[kind])).toBe(true);
  });
});

describe('describeKind', () => {
  it('quotes the short label', () => {
    expect(describeKind('role_changed')).toBe('"Role changed"');
  });

  it('names a correction', () => {
    expect(describeKind('correction')).toBe('"Baseline correction"');
  });
});

describe('describeAllowedRoles', () => {
  it('returns a single role', () => {
    expect(describeAllowedRoles('reinstated')).toBe(
      '"Reinstated" is allowed only from suspended',
    );
  });

  it('returns no role first in a list', () => {
    expect(describeAllowedRoles('joined')).toBe(
      '"Joined" is allowed only from no role, observer or participant',
    );
  });

  it('returns two roles joined by or', () => {
    expect(describeAllowedRoles('suspended')).toBe(
      '"Suspended" is allowed only from member or associate',
    );
  });
});
