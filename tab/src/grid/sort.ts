/** The grid's sort, as the view (and its URL) keeps it. */

/** Columns the grid can be sorted by, in display order (the row menu comes last and does not sort). */
export const SORTABLE = [
  'name',
  'powerState',
  'size',
  'osType',
  'location',
  'resourceGroup',
  'subscription',
  'price',
  'tags',
] as const;
export type SortColumn = (typeof SORTABLE)[number];

export interface ViewSort {
  readonly column: SortColumn;
  readonly direction: 'ascending' | 'descending';
}

export const DEFAULT_SORT: ViewSort = { column: 'name', direction: 'ascending' };
