import { describe, expect, it } from 'vitest';

import { neutralizeFormula } from '../../../db/io/formula.js';

describe('neutralizeFormula', () => {
  it.each(['=SUM(A1:A2)', '+33 1 23', '-2+3', '@mention', '\tindented', '\rcarriage'])(
    'prefixes %j with an apostrophe',
    (text) => {
      expect(neutralizeFormula(text)).toBe(`'${text}`);
    },
  );

  it.each(['Côte d\'Ivoire', 'a=b', '2023-05-07', '', ' =padded', "'quoted"])(
    'keeps %j as it is',
    (text) => {
      expect(neutralizeFormula(text)).toBe(text);
    },
  );

  it('keeps numbers, negative ones too', () => {
    expect(neutralizeFormula(-3)).toBe(-3);
    expect(neutralizeFormula(12)).toBe(12);
  });
});
