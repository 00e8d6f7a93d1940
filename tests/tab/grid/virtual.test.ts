import { describe, expect, it } from '@jest/globals';
import { visibleRange } from '../../../tab/src/grid/virtual.ts';

describe('visibleRange', () => {
  const base = { rowHeight: 40, viewportHeight: 400, count: 5000, overscan: 5 };

  it('renders the viewport plus overscan', () => {
    expect(visibleRange({ ...base, scrollTop: 0 })).toEqual({ start: 0, end: 16 });
    expect(visibleRange({ ...base, scrollTop: 4000 })).toEqual({ start: 95, end: 116 });
  });

  it('clamps at the end and for tiny or empty lists', () => {
    expect(visibleRange({ ...base, scrollTop: 10_000_000 })).toEqual({ start: 4994, end: 5000 });
    expect(visibleRange({ ...base, count: 3, scrollTop: 0 })).toEqual({ start: 0, end: 3 });
    expect(visibleRange({ ...base, count: 0, scrollTop: 0 })).toEqual({ start: 0, end: 0 });
    expect(visibleRange({ ...base, scrollTop: -50 })).toEqual({ start: 0, end: 16 });
  });
});
