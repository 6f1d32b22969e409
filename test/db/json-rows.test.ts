import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { selectRowArrays } from '../../db/json-rows.js';

function tableWith(rows: [number, string | null, number | null][]): Database.Database {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (seq INTEGER PRIMARY KEY, text TEXT, version INTEGER) STRICT');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?)');
  for (const row of rows) insert.run(...row);
  return db;
}

describe('selectRowArrays', () => {
  it('reads rows in the order asked', () => {
    const db = tableWith([
      [3, 'c', 1],
      [1, 'a', 2],
      [2, 'b', 3],
    ]);

    expect(selectRowArrays(db, ['seq', 'text'], 't', 'seq')).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
    expect(selectRowArrays(db, ['text'], 't', 'version DESC')).toEqual([['b'], ['a'], ['c']]);
  });

  it('keeps text, numbers and nulls as better-sqlite3 reads them', () => {
    const texts = [
      'Côte d\'Ivoire',
      '"quoted", \\ back\\slash',
      'line\r\nbreak\ttab\u0001',
      '<script>alert(1)</script>',
      '=HYPERLINK("x")',
      '\u2028\u2029 emoji 🌍',
      '',
    ];
    const db = tableWith(texts.map((text, index) => [index + 1, text, index * 1000]));
    db.prepare('INSERT INTO t VALUES (99, NULL, NULL)').run();

    const expected = db.prepare('SELECT seq, text, version FROM t ORDER BY seq').raw().all();
    expect(selectRowArrays(db, ['seq', 'text', 'version'], 't', 'seq')).toEqual(expected);
  });

  it('takes NULL for a missing column', () => {
    const db = tableWith([[1, 'a', 1]]);

    expect(selectRowArrays(db, ['text', 'NULL'], 't', 'seq')).toEqual([['a', null]]);
  });

  it('reads an empty table as no rows', () => {
    expect(selectRowArrays(tableWith([]), ['seq'], 't', 'seq')).toEqual([]);
  });
});
