import { describe, expect, it } from 'vitest';

import {
  addAnnotation,
  deleteAnnotation,
  editAnnotation,
  listAnnotationVersions,
  listAnnotations,
  searchAnnotations,
} from '../../../db/domain/annotations.js';
import { openAtlasDatabase } from '../../../db/open.js';
import { AUTHOR, countRows, expectAtlasError } from './helpers.js';

const WRITER = { author: AUTHOR, now: new Date('2026-01-01T00:00:00.000Z') };
const MALI_IN_AU = { type: 'membership', bodyId: 'au', iso3: 'MLI' } as const;

describe('annotations', () => {
  it('adds to each target type', () => {
    const db = openAtlasDatabase(':memory:');

    const onPair = addAnnotation(
      db,
      { target: MALI_IN_AU, text: ' Suspended twice. ' },
      WRITER,
    );
    const onCountry = addAnnotation(
      db,
      { target: { type: 'country', iso3: 'mli' }, text: 'Sahel' },
      WRITER,
    );
    const onBody = addAnnotation(
      db,
      { target: { type: 'body', bodyId: 'au' }, text: '55 members' },
      WRITER,
    );

    expect(onPair.text).toBe('Suspended twice.');
    expect(onPair.version).toBe(1);
    expect(onPair.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(onCountry.target).toEqual({ type: 'country', iso3: 'MLI' });
    expect(listAnnotations(db, { target: MALI_IN_AU }).map((a) => a.id)).toEqual([
      onPair.id,
    ]);
    expect(
      listAnnotations(db, { target: { type: 'body', bodyId: 'au' } }).map((a) => a.id),
    ).toEqual([onBody.id]);
  });

  it('includes membership notes on request', () => {
    const db = openAtlasDatabase(':memory:');
    const onPair = addAnnotation(db, { target: MALI_IN_AU, text: 'pair' }, WRITER);
    const onCountry = addAnnotation(
      db,
      { target: { type: 'country', iso3: 'MLI' }, text: 'country' },
      WRITER,
    );
    addAnnotation(
      db,
      { target: { type: 'country', iso3: 'NER' }, text: 'other country' },
      WRITER,
    );

    const listed = listAnnotations(db, {
      target: { type: 'country', iso3: 'MLI' },
      includeMemberships: true,
    });

    expect(listed.map((a) => a.id).sort()).toEqual([onPair.id, onCountry.id].sort());
  });

  it('rejects an unknown target', () => {
    const db = openAtlasDatabase(':memory:');

    expectAtlasError(
      () =>
        addAnnotation(
          db,
          { target: { type: 'body', bodyId: 'nowhere' }, text: 'x' },
          WRITER,
        ),
      'not_found',
      'bodyId',
    );
    expectAtlasError(
      () =>
        addAnnotation(
          db,
          { target: { type: 'membership', bodyId: 'au', iso3: 'ZZZ' }, text: 'x' },
          WRITER,
        ),
      'not_found',
      'iso3',
    );
    expect(countRows(db, 'annotations')).toBe(0);
  });

  it('rejects empty and too long text', () => {
    const db = openAtlasDatabase(':memory:');

    expectAtlasError(
      () => addAnnotation(db, { target: MALI_IN_AU, text: '  ' }, WRITER),
      'invalid_input',
      'text',
    );
    expectAtlasError(
      () => addAnnotation(db, { target: MALI_IN_AU, text: 'x'.repeat(4001) }, WRITER),
      'invalid_input',
      'text',
    );
  });

  it('edits with versions kept', () => {
    const db = openAtlasDatabase(':memory:');
    const note = addAnnotation(db, { target: MALI_IN_AU, text: 'first' }, WRITER);

    const edited = editAnnotation(
      db,
      note.id,
      { text: 'second' },
      {
        author: 'Editor',
        now: new Date('2026-02-01T00:00:00.000Z'),
      },
    );

    expect(edited.version).toBe(2);
    expect(edited.author).toBe(AUTHOR);
    expect(edited.updatedBy).toBe('Editor');
    expect(edited.updatedAt).toBe('2026-02-01T00:00:00.000Z');
    expect(
      listAnnotationVersions(db, note.id).map((v) => [v.version, v.text, v.author]),
    ).toEqual([
      [1, 'first', AUTHOR],
      [2, 'second', 'Editor'],
    ]);
  });

  it('rejects an edit that changes nothing', () => {
    const db = openAtlasDatabase(':memory:');
    const note = addAnnotation(db, { target: MALI_IN_AU, text: 'same' }, WRITER);

    expectAtlasError(
      () => editAnnotation(db, note.id, { text: 'same' }, WRITER),
      'invalid_input',
      'text',
    );
  });

  it('deletes softly, as a new version', () => {
    const db = openAtlasDatabase(':memory:');
    const note = addAnnotation(db, { target: MALI_IN_AU, text: 'to delete' }, WRITER);

    const deleted = deleteAnnotation(db, note.id, WRITER);

    expect(deleted.deletedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(deleted.version).toBe(2);
    expect(countRows(db, 'annotations')).toBe(1);
    expect(listAnnotations(db, { target: MALI_IN_AU })).toEqual([]);
    expect(listAnnotations(db, { target: MALI_IN_AU, includeDeleted: true })[0].id).toBe(
      note.id,
    );
    expect(listAnnotationVersions(db, note.id)[0].deletedAt).toBeNull();
  });

  it('rejects changes once deleted', () => {
    const db = openAtlasDatabase(':memory:');
    const note = addAnnotation(db, { target: MALI_IN_AU, text: 'to delete' }, WRITER);
    deleteAnnotation(db, note.id, WRITER);

    expectAtlasError(
      () => editAnnotation(db, note.id, { text: 'again' }, WRITER),
      'conflict',
      'id',
    );
    expectAtlasError(() => deleteAnnotation(db, note.id, WRITER), 'conflict', 'id');
  });

  it('rejects an id already used', () => {
    const db = openAtlasDatabase(':memory:');
    const note = addAnnotation(db, { target: MALI_IN_AU, text: 'one' }, WRITER);

    expectAtlasError(
      () => addAnnotation(db, { target: MALI_IN_AU, text: 'two', id: note.id }, WRITER),
      'conflict',
      'id',
    );
  });

  it('searches text ignoring case and accents', () => {
    const db = openAtlasDatabase(':memory:');
    const ivory = addAnnotation(
      db,
      { target: { type: 'country', iso3: 'CIV' }, text: "Côte d'Ivoire chairs in 2024" },
      WRITER,
    );
    addAnnotation(
      db,
      { target: { type: 'country', iso3: 'MLI' }, text: 'Unrelated' },
      WRITER,
    );
    const deleted = addAnnotation(
      db,
      { target: { type: 'country', iso3: 'SEN' }, text: 'cote too' },
      WRITER,
    );
    deleteAnnotation(db, deleted.id, WRITER);

    const found = searchAnnotations(db, 'COTE');

    expect(found.map((a) => a.id)).toEqual([ivory.id]);
    expect(searchAnnotations(db, 'nothing like this')).toEqual([]);
  });

  it('rejects an empty search', () => {
    const db = openAtlasDatabase(':memory:');

    expectAtlasError(() => searchAnnotations(db, ' '), 'invalid_input', 'query');
  });
});
