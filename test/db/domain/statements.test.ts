import { describe, expect, it } from 'vitest';

import { cachedStatement } from '../../../db/domain/statements.js';
import { openAtlasDatabase } from '../../../db/open.js';

const SQL = "SELECT id, short_name FROM bodies WHERE id = 'au'";

describe('cachedStatement', () => {
  it('prepares a statement once per database', () => {
    const db = openAtlasDatabase(':memory:');
    const other = openAtlasDatabase(':memory:');

    const first = cachedStatement(db, SQL);

    expect(cachedStatement(db, SQL)).toBe(first);
    expect(cachedStatement(other, SQL)).not.toBe(first);
  });

  it('keeps each mode apart', () => {
    const db = openAtlasDatabase(':memory:');

    const row = cachedStatement(db, SQL).get();
    const plucked = cachedStatement(db, SQL, 'pluck').get();
    const raw = cachedStatement(db, SQL, 'raw').get();

    expect(row).toEqual({ id: 'au', short_name: 'AU' });
    expect(plucked).toBe('au');
    expect(raw).toEqual(['au', 'AU']);
    expect(cachedStatement(db, SQL).get()).toEqual(row);
  });
});
