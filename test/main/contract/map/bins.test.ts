import { describe, expect, it } from 'vitest';

import {
  binColor,
  binLabel,
  countBins,
  NO_ISCM_COLOR,
} from '../../../../main/contract/map/bins.js';

describe('countBins', () => {
  it('returns no class below a count of 1', () => {
    expect(countBins(0)).toEqual([]);
  });

  it('returns one class per count up to six', () => {
    const bins = countBins(4);

    expect(bins.map(binLabel)).toEqual(['1', '2', '3', '4']);
    expect(new Set(bins.map((bin) => bin.color)).size).toBe(4);
  });

  it('returns classes of equal width above six', () => {
    const bins = countBins(13);

    expect(bins.map(binLabel)).toEqual(['1–3', '4–6', '7–9', '10–12', '13']);
  });

  it('gives a single class the darkest colour', () => {
    const [only] = countBins(1);
    const darkest = countBins(6)[5];

    expect(only.color).toBe(darkest.color);
  });
});

describe('binColor', () => {
  it('returns the colour of the class holding the count', () => {
    const bins = countBins(13);

    expect(binColor(bins, 5)).toBe(bins[1].color);
    expect(binColor(bins, 13)).toBe(bins[4].color);
  });

  it('returns the no-ISCM colour below 1', () => {
    expect(binColor(countBins(13), 0)).toBe(NO_ISCM_COLOR);
  });
});
