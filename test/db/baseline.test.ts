import { describe, expect, it } from 'vitest';

import { BASELINE_COUNTS } from '../../db/baseline.js';
import { openAtlasDatabase } from '../../db/open.js';


describe('baseline load', () => {
  const db = openAtlasDatabase(':memory:');
  const countRows = (sql: string) => db.prepare(sql).pluck().get() as number;

  it('loads 58 bodies: 34 ISCMs and 24 IGOs', () => {
    expect(countRows('SELECT count(*) FROM bodies')).toBe(BASELINE_COUNTS.bodies);
    expect(countRows("SELECT count(*) FROM bodies WHERE kind = 'iscm'")).toBe(34);
    expect(countRows("SELECT count(*) FROM bodies WHERE kind = 'igo'")).toBe(24);
  });

  it('loads 48 themes and 345 body-theme pairs', () => {
    expect(countRows('SELECT count(*) FROM themes')).toBe(48);
    expect(countRows('SELECT count(*) FROM body_themes')).toBe(345);
  });

  it('splits pairs by table listing as 230, 35 and 80', () => {
    const both = countRows(
      'SELECT count(*) FROM body_themes WHERE in_table_by_area = 1 AND in_table_by_iscm = 1',
    );
    const areaOnly = countRows(
      'SELECT count(*) FROM body_themes WHERE in_table_by_area = 1 AND in_table_by_iscm = 0',
    );
    const iscmOnly = countRows(
      'SELECT count(*) FROM body_themes WHERE in_table_by_area = 0 AND in_table_by_iscm = 1',
    );

    expect(both).toBe(230);
    expect(areaOnly).toBe(35);
    expect(iscmOnly).toBe(80);
  });

  it('loads 1714 memberships: 1267 ISCM and 447 IGO rows', () => {
    const byKind = (kind: string) =>
      countRows(
        `SELECT count(*) FROM baseline_memberships m JOIN bodies b ON b.id = m.body_id
         WHERE b.kind = '${kind}'`,
      );

    expect(countRows('SELECT count(*) FROM baseline_memberships')).toBe(1714);
    expect(byKind('iscm')).toBe(1267);
    expect(byKind('igo')).toBe(447);
  });

  it('loads 17 organizations', () => {
    expect(countRows("SELECT count(*) FROM organizations")).toBe(BASELINE_COUNTS.organizations);
  });

  it('covers 219 countries, 217 of them in an ISCM', () => {
    const inAny = countRows('SELECT count(DISTINCT iso3) FROM baseline_memberships');
    const inIscm = countRows(
      `SELECT count(DISTINCT iso3) FROM baseline_memberships m
       JOIN bodies b ON b.id = m.body_id WHERE b.kind = 'iscm'`,
    );

    expect(inAny).toBe(219);
    expect(inIscm).toBe(217);
  });

  it('lists every ISO 3166-1 country with Kosovo as XKX', () => {
    const kosovo = db
      .prepare('SELECT name_en, name_fr, name_es FROM countries WHERE iso3 = ?')
      .get('XKX') as { name_en: string; name_fr: string; name_es: string };

    expect(countRows('SELECT count(*) FROM countries')).toBe(250);
    expect(countRows("SELECT count(*) FROM countries WHERE iso3 = 'UNK'")).toBe(0);
    expect(kosovo.name_en).toBe('Kosovo');
    expect(kosovo.name_fr).toBe('Kosovo');
  });

  it('carries French and Spanish names', () => {
    const ivoryCoast = db
      .prepare('SELECT name_en, name_fr, name_es FROM countries WHERE iso3 = ?')
      .get('CIV') as { name_en: string; name_fr: string; name_es: string };

    expect(ivoryCoast.name_fr).toBe("Côte d'Ivoire");
    expect(ivoryCoast.name_es).toBe('Costa de Marfil');
  });

  it('writes English names as the United Nations does', () => {
    const nameOf = (iso3: string) =>
      db.prepare('SELECT name_en FROM countries WHERE iso3 = ?').pluck().get(iso3);

    expect(nameOf('CIV')).toBe("Côte d'Ivoire");
    expect(nameOf('CPV')).toBe('Cabo Verde');
    expect(nameOf('VAT')).toBe('Holy See');
    expect(nameOf('COD')).toBe('Democratic Republic of the Congo');
  });
});
