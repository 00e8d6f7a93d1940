/** Row windowing for the grid body: which rows to render for a scroll position. Pure. */
export interface WindowInput {
  readonly scrollTop: number;
  readonly viewportHeight: number;
  readonly rowHeight: number;
  readonly count: number;
  /** Extra rows rendered above and below the viewport (keyboard focus and fast scrolls). */
  readonly overscan: number;
}

/** `[start, end)` row indexes to render. */
export function visibleRange(input: WindowInput): { readonly start: number; readonly end: number } {
  const { scrollTop, viewportHeight, rowHeight, count, overscan } = input;
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(first, count - 1) - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end };
}
