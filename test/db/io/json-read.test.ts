import { describe, expect, it } from 'vitest';

import { MAX_ANNOTATION_LENGTH } from '../../../db/domain/annotations.js';
import { MAX_AUTHOR_LENGTH, MAX_SOURCE_LENGTH } from '../../../db/domain/fields.js';
import { documentSchema } from '../../../db/io/json-format.js';
import { type DocumentRecords, readValidRecords } from '../../../db/io/json-read.js';

type Fields = Record<string, unknown>;
type ListName = keyof DocumentRecords;

const EDITED_CHANGE: Fields = {
  id: '0B9F1C52-8A4E-4C1D-9D7A-2F3B5E6A7C8D ',
  body_id: ' au',
  iso3: 'mar',
  kind: 'joined',
  new_role: null,
  effective_date: '2021-03',
  announced_date: '2021-02-15',
  source: ' https://example.org/au ',
  note: 'First note',
  author: 'Amina Diallo',
  recorded_at: '2021-04-01T10:00:00Z',
  version: 2,
  edited_by: 'Bo Chen',
  edited_at: '2021-05-01T08:30:00.5Z',
  reverted_by: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  earlier_versions: [
    {
      version: 1,
      source: 'https://example.org/first',
      note: null,
      author: 'Amina Diallo',
      recorded_at: '2021-04-01T10:00:00.000Z',
    },
  ],
};

const ALIAS_CHANGE: Fields = {
  id: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
  body_id: 'gfmd',
  iso3: 'FRA',
  kind: 'observer_granted',
  effective_date: '2024-02-29',
  source: 'https://example.org/gfmd',
  author: 'Amina Diallo',
  recorded_at: '2024-03-01T10:00:00.000Z',
};

const ROLE_CHANGE: Fields = {
  ...ALIAS_CHANGE,
  id: '3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a',
  kind: 'role_changed',
  new_role: 'associate',
  version: 1,
  edited_by: null,
  edited_at: null,
  earlier_versions: [],
};

const ADDING_CORRECTION: Fields = {
  id: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b',
  body_id: 'midsa',
  iso3: 'ZAF',
  action: 'add',
  role: 'observer',
  source: 'https://example.org/midsa',
  author: 'Amina Diallo',
  recorded_at: '2022-01-01T00:00:00.000Z',
};

const REMOVING_CORRECTION: Fields = {
  ...ADDING_CORRECTION,
  id: '5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c',
  action: 'remove',
  role: null,
};

const REVERT: Fields = {
  id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  target_id: '0b9f1c52-8a4e-4c1d-9d7a-2f3b5e6a7c8d',
  source: null,
  note: ' entered twice ',
  author: 'Bo Chen',
  recorded_at: '2021-06-01T00:00:00.000Z',
};

const DELETED_ANNOTATION: Fields = {
  id: '6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d',
  target: 'membership',
  body_id: 'au',
  iso3: 'MAR',
  text: ' Check with the secretariat ',
  author: 'Amina Diallo',
  created_at: '2022-01-01T00:00:00.000Z',
  updated_by: 'Bo Chen',
  updated_at: '2022-02-01T00:00:00.000Z',
  version: 2,
  deleted_at: '2022-02-01T00:00:00.000Z',
  earlier_versions: [
    {
      version: 1,
      text: 'Check',
      deleted_at: null,
      author: 'Amina Diallo',
      recorded_at: '2022-01-01T00:00:00.000Z',
    },
  ],
};

const COUNTRY_ANNOTATION: Fields = {
  id: '7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
  target: 'country',
  iso3: 'SEN',
  text: 'A note on Senegal',
  author: 'Amina Diallo',
  created_at: '2022-01-01T00:00:00.000Z',
  updated_by: 'Amina Diallo',
  updated_at: '2022-01-01T00:00:00.000Z',
};

const RECORDS: [ListName, Fields][] = [
  ['changes', EDITED_CHANGE],
  ['changes', ALIAS_CHANGE],
  ['changes', ROLE_CHANGE],
  ['corrections', ADDING_CORRECTION],
  ['corrections', REMOVING_CORRECTION],
  ['reverts', REVERT],
  ['annotations', DELETED_ANNOTATION],
  ['annotations', COUNTRY_ANNOTATION],
];

/** Values tried in place of each field; undefined stands for a missing field. */
const VALUES: unknown[] = [
  undefined,
  null,
  0,
  1,
  2,
  -1,
  1.5,
  true,
  [],
  {},
  '',
  '   ',
  'x',
  ' padded text ',
  'a'.repeat(MAX_AUTHOR_LENGTH),
  ` ${'a'.repeat(MAX_AUTHOR_LENGTH)} `,
  'a'.repeat(MAX_AUTHOR_LENGTH + 1),
  'b'.repeat(MAX_SOURCE_LENGTH + 1),
  'c'.repeat(MAX_ANNOTATION_LENGTH + 1),
  '0B9F1C52-8A4E-4C1D-9D7A-2F3B5E6A7C8D',
  ' 0b9f1c52-8a4e-4c1d-9d7a-2f3b5e6a7c8d ',
  '0b9f1c52-8a4e-4c1d-9d7a-2f3b5e6a7c8',
  'au',
  'ecowas',
  'sen',
  ' SEN ',
  'SE',
  'SENE',
  'S3N',
  '2021-01-01T00:00:00Z',
  '2021-01-01T00:00:00.123456789Z',
  '2021-01-01T00:00:00.000+01:00',
  '2021-01-01 00:00:00Z',
  '2021-02-30T00:00:00.000Z',
  '2021-13-01T00:00:00.000Z',
  '2021-01-01',
  '2021-02-29',
  '2024-02-29',
  '2021-02',
  '2021-00',
  '2020-12',
  '2020-12-31',
  '2021-1-1',
  ' 2021-01-01',
  'joined',
  'left',
  'suspended',
  'reinstated',
  'role_changed',
  'correction',
  'observer_granted',
  'associate_granted',
  'Joined',
  ' joined',
  'member',
  'observer',
  'associate',
  'participant',
  'add',
  'change_role',
  'remove',
  'membership',
  'country',
  'body',
];

function documentWith(list: ListName, record: unknown): Fields {
  return { schema_version: 1, [list]: [record] };
}

/** Lists each record with one field (of it or of its first earlier version) replaced. */
function* variants(): Generator<{ list: ListName; label: string; record: Fields }> {
  for (const [list, base] of RECORDS) {
    for (const field of Object.keys(base)) {
      for (const value of VALUES) {
        const record: Fields = { ...base, [field]: value };
        if (value === undefined) delete record[field];
        yield { list, label: `${base.id as string} ${field}=${JSON.stringify(value)}`, record };
      }
    }
    const earlier = base.earlier_versions as Fields[] | undefined;
    if (earlier === undefined || earlier.length === 0) continue;
    for (const field of Object.keys(earlier[0])) {
      for (const value of VALUES) {
        const entry: Fields = { ...earlier[0], [field]: value };
        if (value === undefined) delete entry[field];
        yield {
          list,
          label: `${base.id as string} earlier_versions[0].${field}=${JSON.stringify(value)}`,
          record: { ...base, earlier_versions: [entry] },
        };
      }
    }
  }
}

describe('readValidRecords', () => {
  it('reads valid records as the schema does', () => {
    const document: Fields = { schema_version: 1, changes: [], corrections: [], reverts: [], annotations: [] };
    for (const [list, record] of RECORDS) (document[list] as unknown[]).push(record);

    const schema = documentSchema.parse(document);
    const quick = readValidRecords(document);

    expect(quick).not.toBeNull();
    expect(quick!.changes).toEqual(schema.changes);
    expect(quick!.corrections).toEqual(schema.corrections);
    expect(quick!.reverts).toEqual(schema.reverts);
    expect(quick!.annotations).toEqual(schema.annotations);
  });

  it('agrees with the schema on every variant', () => {
    const disagreements: string[] = [];
    let accepted = 0;
    let rejected = 0;
    for (const { list, label, record } of variants()) {
      const document = documentWith(list, record);
      const schema = documentSchema.safeParse(document);
      const quick = readValidRecords(document);
      if (quick === null) {
        rejected += 1;
        if (schema.success) disagreements.push(`${label}: only the schema accepts it`);
        continue;
      }
      accepted += 1;
      if (!schema.success) disagreements.push(`${label}: only the quick reader accepts it`);
      else if (JSON.stringify(quick[list]) !== JSON.stringify(schema.data[list])) {
        disagreements.push(`${label}: the readers give different records`);
      }
    }

    expect(disagreements).toEqual([]);
    expect(accepted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(1000);
  });

  it('rejects lists that are not lists', () => {
    expect(readValidRecords({ schema_version: 1, changes: null })).toBeNull();
    expect(readValidRecords({ schema_version: 1, reverts: {} })).toBeNull();
    expect(readValidRecords({ schema_version: 1, annotations: ['x'] })).toBeNull();
  });

  it('reads missing lists as empty', () => {
    expect(readValidRecords({ schema_version: 1 })).toEqual({
      changes: [],
      corrections: [],
      reverts: [],
      annotations: [],
    });
  });
});
