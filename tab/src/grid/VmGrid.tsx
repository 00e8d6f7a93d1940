import {
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
import { useMemo, useState } from 'react';
import { useWidth } from '../hooks/useWidth.ts';
import { makeColumns, visibleColumns, type ColumnHandlers, type ColumnId } from './columns.tsx';
import type { GridItem } from './grid-item.ts';
import { VirtualDataGridBody } from './VirtualDataGridBody.tsx';
import { ROW_HEIGHT, STACKED_ROW_HEIGHT, useVmGridStyles } from './VmGrid.styles.ts';

export interface VmGridProps {
  /** Rows to show (already filtered). */
  readonly items: readonly GridItem[];
  /** Selected ARM ids (as given by the service). */
  readonly selected: ReadonlySet<string>;
  readonly onSelectionChange: (selected: Set<string>) => void;
  /** Default: by name, ascending. */
  readonly defaultSort?: GridSort;
  /** Opening a VM's details and a row menu's actions. */
  readonly handlers: ColumnHandlers;
}

/** The DataGrid's sort state (Fluent does not export its type). */
export interface GridSort {
  readonly sortColumn: TableColumnId | undefined;
  readonly sortDirection: SortDirection;
}

const getRowId = (item: GridItem) => item.vm.id;

/**
 * The VM grid: Fluent DataGrid (sortable, multi-select, keyboard navigable) over a virtualized body. Its columns
 * follow its own width by priority (columns.tsx): never a horizontal scroll of the page in a narrow pane.
 */
export function VmGrid({
  items,
  selected,
  onSelectionChange,
  defaultSort = { sortColumn: 'name', sortDirection: 'ascending' },
  handlers,
}: VmGridProps) {
  const styles = useVmGridStyles();
  const [sortState, setSortState] = useState<GridSort>(defaultSort);
  const { ref, width } = useWidth(Number.POSITIVE_INFINITY);
  const layout = visibleColumns(width);
  const { onOpen, onAction, tenant } = handlers;
  const columnKey = layout.ids.join(' ');
  const { stacked } = layout;
  const columns = useMemo(() => {
    const all = makeColumns({ onOpen, onAction, ...(tenant && { tenant }) }, { stacked });
    return columnKey.split(' ').map((id) => all.find((c) => c.columnId === id)!);
  }, [onOpen, onAction, tenant, stacked, columnKey]);
  const rowHeight = layout.stacked ? STACKED_ROW_HEIGHT : ROW_HEIGHT;
  const onSelection: DataGridProps['onSelectionChange'] = (_e, data) =>
    onSelectionChange(new Set([...data.selectedItems].map(String)));
  const cellClass = (columnId: string | number) => styles[columnId as ColumnId];

  return (
    <div className={styles.scroller} ref={ref} data-columns={columnKey}>
      <DataGrid
        className={styles.grid}
        items={items as GridItem[]}
        columns={columns as DataGridProps['columns']}
        getRowId={getRowId}
        sortable
        sortState={sortState}
        onSortChange={(_e, next) => setSortState(next)}
        selectionMode="multiselect"
        selectedItems={selected as Set<TableRowId>}
        onSelectionChange={onSelection}
        focusMode="composite"
        aria-label="Virtual machines"
        aria-rowcount={items.length + 1}
      >
        <DataGridHeader className={styles.header}>
          <DataGridRow<GridItem>
            aria-rowindex={1}
            selectionCell={{ checkboxIndicator: { 'aria-label': 'Select all VMs' } }}
          >
            {({ renderHeaderCell, columnId }) => (
              <DataGridHeaderCell
                className={cellClass(columnId)}
                {...(columnId === 'actions' && { sortable: false })}
              >
                {renderHeaderCell()}
              </DataGridHeaderCell>
            )}
          </DataGridRow>
        </DataGridHeader>
        <VirtualDataGridBody<GridItem> className={styles.body} rowHeight={rowHeight}>
          {({ item, rowId }, style, index) => (
            <DataGridRow<GridItem>
              key={rowId}
              style={style}
              className={styles.row}
              aria-rowindex={index + 2}
              data-vm-id={item.vm.id}
              selectionCell={{ checkboxIndicator: { 'aria-label': `Select ${item.vm.name}` } }}
            >
              {({ renderCell, columnId }) => (
                <DataGridCell className={cellClass(columnId)}>{renderCell(item)}</DataGridCell>
              )}
            </DataGridRow>
          )}
        </VirtualDataGridBody>
      </DataGrid>
    </div>
  );
}
