import { describe, expect, it } from '@jest/globals';
import { formatAgo } from '../../../tab/src/hooks/useNow.ts';

describe('formatAgo', () => {
  it.each([
    [0, 'just now'],
    [4_999, 'just now'],
    [12_000, '12 s ago'],
    [59_999, '59 s ago'],
    [180_000, '3 min ago'],
    [2 * 3_600_000 + 5, '2 h ago'],
    [-1_000, 'just now'],
  ])('%i ms → %s', (ms, text) => expect(formatAgo(ms)).toBe(text));
});
