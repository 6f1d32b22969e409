import { describe, expect, it } from 'vitest';

import { formatBytes } from '../../renderer/src/files/bytes.js';

describe('formatBytes', () => {
  it('writes binary units as the Node side does', () => {
    expect(formatBytes(812)).toBe('812 bytes');
    expect(formatBytes(14.5 * 1024)).toBe('14.5 KiB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50.0 MiB');
  });
});
