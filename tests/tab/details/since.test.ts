import { describe, expect, it } from '@jest/globals';
import { forText, sinceText } from '../../../tab/src/details/since.ts';

describe('sinceText', () => {
  const now = Date.parse('2026-12-01T13:05:00Z');
  it("the reader's date and time (Intl), then how long", () => {
    const at = '2026-12-01T10:02:00Z';
    const when = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }).format(Date.parse(at));
    expect(sinceText(at, now, 'en-GB')).toBe(`since ${when} (for 3 hours)`);
    expect(when).toMatch(/^1 Dec(,)? \d\d:\d\d$/);
  });

  it('names the year when it is not this one; nothing for a time it cannot read', () => {
    expect(sinceText('2025-11-30T10:00:00Z', now, 'en-GB')).toMatch(/2025/);
    expect(sinceText('not a time', now)).toBeUndefined();
  });

  it('no duration for a time ahead of the clock', () => {
    expect(sinceText('2026-12-01T13:06:00Z', now, 'en-GB')).not.toContain('(');
  });
});

describe('forText', () => {
  it.each([
    [0, 'for less than a minute'],
    [59_999, 'for less than a minute'],
    [60_000, 'for 1 minute'],
    [59 * 60_000, 'for 59 minutes'],
    [3_600_000, 'for 1 hour'],
    [47 * 3_600_000, 'for 47 hours'],
    [48 * 3_600_000, 'for 2 days'],
  ])('%i ms → %s', (ms, text) => expect(forText(ms)).toBe(text));
  it('nothing for a negative span', () => expect(forText(-1)).toBeUndefined());
});
