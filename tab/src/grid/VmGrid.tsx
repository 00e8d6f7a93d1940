import {
  Button,
  CounterBadge,
  DataGrid,
  DataGridCell,
  DataGridHeader,
  DataGridHeaderCell,
  DataGridRow,
  type DataGridProps,
  type SortDirection,
  type TableColumnId,
  type TableRowId,
} from '@fluentui/react-components';
import { ChevronDown16Regular, ChevronRight16Regular } from '@fluentui/react-icons';
import { useMemo, type CSSProperties } from 'react';
import { DEFAULT_SORT, type ViewSort } from './sort.ts';
import { useWidth } from '../hooks/useWidth.ts';
import {
  makeColumns,
  STACKED_BELOW,
  visibleColumns,
  type ColumnHandlers,
  type ColumnId,
} from './columns.tsx';
import type { GridItem } from './grid-item.ts';
import { groupOf, type GroupBy, type GroupHeader } from './groups.ts';
import { VirtualDataGridBody } from './VirtualDataGridBody.tsx';
import { ROW_HEIGHT, STACKED_ROW_HEIGHT, useVmGridStyles } from './VmGrid.styles.ts';

export interface VmGridProps {
  /** Rows to show (already filtered). */
  readonly items: readonly GridItem[];
  /** Selected ARM ids (as given by the service). */
  readonly selected: ReadonlySet<string>;
  readonly onSelectionChange: (selected: Set<string>) => void;
  /** The sort (part of the view kept in the URL); default by name, ascending. */
  readonly sort?: ViewSort;
  readonly onSortChange?: (sort: ViewSort) => void;
  /** Columns the user hid with the column chooser. */
  readonly hidden?: ReadonlySet<ColumnId>;
  /** Group rows by subscription or resource group (collapsible headers with counts). */
  readonly groupBy?: GroupBy;
  readonly collapsed?: ReadonlySet<string>;
  readonly onToggleGroup?: (key: string) => void;
  /** Opening a VM's details and a row menu's actions. */
  readonly handlers: ColumnHandlers;
}

/** The DataGrid's sort state (Fluent does not export its type). */
interface GridSort {
  readonly sortColumn: TableColumnId | undefined;
  readonly sortDirection: SortDirection;
}

const getRowId = (item: GridItem) => item.vm.id;
const vmOfItem = (item: GridItem) => item.vm;
const NO_COLUMNS: ReadonlySet<ColumnId> = new Set();
const NO_GROUPS: ReadonlySet<string> = new Set();

/**
 * The VM grid: Fluent DataGrid (sortable, multi-select, keyboard navigable) over a virtualized body, optionally
 * grouped. Its columns follow its own width by priority and the user's column choice (columns.tsx): never a
 * horizontal scroll of the page in a narrow pane. Every column stays sortable (a view may be sorted by a column
 * the width hides); only the visible ones render.
 */
export function VmGrid({
  items,
  selected,
  onSelectionChange,
  sort = DEFAULT_SORT,
  onSortChange,
  hidden = NO_COLUMNS,
  groupBy = 'none',
  collapsed = NO_GROUPS,
  onToggleGroup,
  handlers,
}: VmGridProps) {
  const styles = useVmGridStyles();
  const { ref, width } = useWidth(Number.POSITIVE_INFINITY);
  const { onOpen, onAction, tenant } = handlers;
  const stacked = width < STACKED_BELOW;
  const columns = useMemo(
    () => makeColumns({ onOpen, onAction, ...(tenant && { tenant }) }, { stacked }),
    [onOpen, onAction, tenant, stacked],
  );
  const layout = visibleColumns(width, hidden);
  const shown = new Set<string>(layout.ids);
  const columnKey = [...shown].join(' ');
  const sortState: GridSort = { sortColumn: sort.column, sortDirection: sort.direction };
  const rowHeight = layout.stacked ? STACKED_ROW_HEIGHT : ROW_HEIGHT;
  const onSelection: DataGridProps['onSelectionChange'] = (_e, data) =>
    onSelectionChange(new Set([...data.selectedItems].map(String)));
  const cellClass = (columnId: string | number) => styles[columnId as ColumnId];
  const groupCount = useMemo(
    () => (groupBy === 'none' ? 0 : new Set(items.map((i) => groupOf(i.vm, groupBy).key)).size),
    [items, groupBy],
  );

  return (
    <div className={styles.scroller} ref={ref} data-columns={columnKey} data-group-by={groupBy}>
      <DataGrid
        className={styles.grid}
        items={items as GridItem[]}
        columns={columns as DataGridProps['columns']}
        getRowId={getRowId}
        sortable
        sortState={sortState}
        onSortChange={(_e, next) =>
          onSortChange?.({
            column: (next.sortColumn ?? DEFAULT_SORT.column) as ViewSort['column'],
            direction: next.sortDirection,
          })
        }
        selectionMode="multiselect"
        selectedItems={selected as Set<TableRowId>}
        onSelectionChange={onSelection}
        focusMode="composite"
        aria-label="Virtual machines"
        aria-rowcount={items.length + groupCount + 1}
      >
        <DataGridHeader className={styles.header}>
          <DataGridRow<GridItem>
            aria-rowindex={1}
            selectionCell={{ checkboxIndicator: { 'aria-label': 'Select all VMs' } }}
          >
            {({ renderHeaderCell, columnId }) =>
              shown.has(String(columnId)) ? (
                <DataGridHeaderCell
                  className={cellClass(columnId)}
                  {...(columnId === 'actions' && { sortable: false })}
                >
                  {renderHeaderCell()}
                </DataGridHeaderCell>
              ) : null
            }
          </DataGridRow>
        </DataGridHeader>
        <VirtualDataGridBody<GridItem>
          className={styles.body}
          rowHeight={rowHeight}
          groupBy={groupBy}
          groupVm={vmOfItem}
          collapsed={collapsed}
          renderGroup={(group, style, index) => (
            <GroupHeaderRow
              group={group}
              style={style}
              rowIndex={index + 2}
              {...(onToggleGroup && { onToggle: onToggleGroup })}
            />
          )}
        >
          {({ item, rowId }, style, index) => (
            <DataGridRow<GridItem>
              key={rowId}
              style={style}
              className={styles.row}
              aria-rowindex={index + 2}
              data-vm-id={item.vm.id}
              selectionCell={{ checkboxIndicator: { 'aria-label': `Select ${item.vm.name}` } }}
            >
              {({ renderCell, columnId }) =>
                shown.has(String(columnId)) ? (
                  <DataGridCell className={cellClass(columnId)}>{renderCell(item)}</DataGridCell>
                ) : null
              }
            </DataGridRow>
          )}
        </VirtualDataGridBody>
      </DataGrid>
    </div>
  );
}

/** A group's header row: a button that collapses or expands it, with the group's name and VM count. */
function GroupHeaderRow({
  group,
  style,
  rowIndex,
  onToggle,
}: {
  readonly group: GroupHeader;
  readonly style: CSSProperties;
  readonly rowIndex: number;
  readonly onToggle?: (key: string) => void;
}) {
  const styles = useVmGridStyles();
  const vms = group.count === 1 ? '1 VM' : `${group.count} VMs`;
  return (
    <div role="row" aria-rowindex={rowIndex} className={styles.groupRow} style={style} data-group={group.key}>
      <div role="gridcell" className={styles.groupCell}>
        <Button
          appearance="subtle"
          size="small"
          icon={group.collapsed ? <ChevronRight16Regular /> : <ChevronDown16Regular />}
          aria-expanded={!group.collapsed}
          onClick={() => onToggle?.(group.key)}
          className={styles.groupButton}
        >
          <span className={styles.groupLabel}>{group.label}</span>
          {group.detail && <span className={styles.groupDetail}>{group.detail}</span>}
        </Button>
        <CounterBadge
          count={group.count}
          appearance="ghost"
          color="informative"
          aria-label={vms}
          overflowCount={99_999}
        />
      </div>
    </div>
  );
}
