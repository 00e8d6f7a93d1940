import {
  TableRowIdContextProvider,
  useDataGridBodyStyles_unstable,
  useDataGridContext_unstable,
  useTableBody_unstable,
  useTableContext,
  type DataGridBodyProps,
  type DataGridBodyState,
  type TableRowData,
} from '@fluentui/react-components';
import {
  Fragment,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
  type UIEvent,
} from 'react';
import type { Vm } from '../../../contract/vm.ts';
import { groupRows, type GroupBy, type GroupHeader } from './groups.ts';
import { visibleRange } from './virtual.ts';

export interface VirtualDataGridBodyProps<TItem> extends Omit<DataGridBodyProps<TItem>, 'children'> {
  /** Fixed row height in px (rows are absolutely positioned). */
  readonly rowHeight: number;
  /** Rows rendered beyond the viewport on each side. Default 8. */
  readonly overscan?: number;
  /** Viewport height used before it can be measured (and in jsdom). Default 800. */
  readonly fallbackHeight?: number;
  /** Renders one row; spread `style` on the DataGridRow. `index` is 0-based in display order (headers count). */
  readonly children: (row: TableRowData<TItem>, style: CSSProperties, index: number) => ReactNode;
  /** Group the sorted rows under collapsible headers (default: none), by the VM each item shows. */
  readonly groupBy?: GroupBy;
  readonly groupVm?: (item: TItem) => Vm;
  /** Keys of the collapsed groups. */
  readonly collapsed?: ReadonlySet<string>;
  /** Renders a group's header row (same height as a row); spread `style` on it. */
  readonly renderGroup?: (group: GroupHeader, style: CSSProperties, index: number) => ReactNode;
}

/**
 * A DataGridBody that renders only the rows in view (Fluent v9's DataGrid has no built-in virtualization).
 * It is the scroll container: give it a height through its parent (flex) or `style`. Sorting and selection stay
 * the DataGrid's; keyboard focus moving past the rendered rows scrolls and renders the next ones.
 */
const NONE: ReadonlySet<string> = new Set();

export function VirtualDataGridBody<TItem>(props: VirtualDataGridBodyProps<TItem>) {
  const {
    rowHeight,
    overscan = 8,
    fallbackHeight = 800,
    children,
    groupBy = 'none',
    collapsed = NONE,
    renderGroup,
    groupVm,
    ...rest
  } = props;
  const ref = useRef<HTMLDivElement>(null);
  // What useDataGridBody_unstable does, except that the sorted rows are memoized: scrolling re-renders this body
  // only, and must not re-sort thousands of rows on every frame.
  const { sortable } = useTableContext();
  const getRows = useDataGridContext_unstable((ctx) => ctx.getRows);
  const sort = useDataGridContext_unstable((ctx) => ctx.sort.sort);
  const rows = useMemo(() => (sortable ? sort(getRows()) : getRows()), [sortable, sort, getRows]);
  const entries = useMemo(
    () =>
      groupVm && groupBy !== 'none'
        ? groupRows(rows, (row) => groupVm(row.item), groupBy, collapsed)
        : groupRows(rows, () => undefined as never, 'none', collapsed),
    [rows, groupBy, collapsed, groupVm],
  );
  const base = useTableBody_unstable({ ...rest, children: null, as: 'div' }, ref);
  const state: DataGridBodyState = { ...base, rows, renderRow: () => null };
  useDataGridBodyStyles_unstable(state);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(fallbackHeight);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setViewportHeight(element.clientHeight > 0 ? element.clientHeight : fallbackHeight);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [fallbackHeight]);

  const frame = useRef(0);
  const onScroll = useCallback((event: UIEvent<HTMLElement>) => {
    const top = event.currentTarget.scrollTop;
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setScrollTop(top));
  }, []);

  // Filtering can shrink the list below the scroll position: clamp so rows never vanish.
  const maxTop = Math.max(0, entries.length * rowHeight - viewportHeight);
  const { start, end } = visibleRange({
    scrollTop: Math.min(scrollTop, maxTop),
    viewportHeight,
    rowHeight,
    count: entries.length,
    overscan,
  });

  // Ctrl+Home / Ctrl+End go to the first / last row of the whole list, not of the rendered window (the DataGrid's
  // own handler only sees rendered rows): scroll there, then focus the row once it is rendered.
  const pendingFocus = useRef<number | undefined>(undefined);
  const canvas = useRef<HTMLDivElement>(null);
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (!event.ctrlKey || (event.key !== 'Home' && event.key !== 'End') || entries.length === 0) return;
      event.preventDefault();
      const index = event.key === 'Home' ? 0 : entries.length - 1;
      pendingFocus.current = index;
      const element = ref.current;
      if (element) element.scrollTop = index * rowHeight;
      setScrollTop(index * rowHeight);
    },
    [entries.length, rowHeight],
  );
  useLayoutEffect(() => {
    const index = pendingFocus.current;
    if (index === undefined || index < start || index >= end) return;
    pendingFocus.current = undefined;
    (canvas.current?.children[index - start] as HTMLElement | undefined)?.focus();
  }, [start, end]);

  // Rendered as a plain element (not through Fluent's slot JSX runtime): the body's role, class and ref.
  const { className, role, style: rootStyle } = state.root;
  return (
    <div
      ref={ref}
      role={role}
      className={className}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      style={{ overflowY: 'auto', position: 'relative', ...rootStyle }}
    >
      <div
        ref={canvas}
        style={{ height: entries.length * rowHeight, position: 'relative' }}
        role="presentation"
      >
        {entries.slice(start, end).map((entry, offset) => {
          const index = start + offset;
          const style: CSSProperties = {
            position: 'absolute',
            top: index * rowHeight,
            height: rowHeight,
            left: 0,
            right: 0,
            boxSizing: 'border-box',
          };
          if (entry.kind === 'group')
            return <Fragment key={`group:${entry.key}`}>{renderGroup?.(entry, style, index)}</Fragment>;
          const row = entry.row as TableRowData<TItem>;
          return (
            <TableRowIdContextProvider value={row.rowId} key={row.rowId}>
              {children(row, style, index)}
            </TableRowIdContextProvider>
          );
        })}
      </div>
    </div>
  );
}
