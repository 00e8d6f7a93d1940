/** The grid's sort, as the view (and its URL) keeps it. */

/** Columns the grid can be sorted by. */
export const SORTABLE = [
  'name',
  'powerState',
  'size',
  'osType',
  'location',
  'resourceGroup',
  'subscription',
  'tags',
  'price',
] as const;
export type SortColumn = (typeof SORTABLE)[number];

export interface ViewSort {
  readonly column: SortColumn;
  readonly direction: 'ascending' | 'descending';
}

export const DEFAULT_SORT: ViewSort = { column: 'name', direction: 'ascending' };
