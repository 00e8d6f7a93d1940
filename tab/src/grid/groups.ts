import type { Vm } from '../../../contract/vm.ts';
import { collator } from './collate.ts';

/** How the grid groups its rows. */
export const GROUP_BY = ['none', 'subscription', 'resourceGroup'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** A collapsible group header in the grid: its key, what it shows and how many VMs it holds. */
export interface GroupHeader {
  readonly kind: 'group';
  readonly key: string;
  readonly label: string;
  /** The subscription a resource group belongs to (resource group names repeat across subscriptions). */
  readonly detail?: string;
  readonly count: number;
  readonly collapsed: boolean;
}

export interface GroupedRow<TRow> {
  readonly kind: 'row';
  readonly row: TRow;
}

export type GridEntry<TRow> = GroupHeader | GroupedRow<TRow>;

/** The group a VM falls in: its key (case-insensitive, like ARM ids) and label. Pure. */
export function groupOf(
  vm: Vm,
  groupBy: Exclude<GroupBy, 'none'>,
): { key: string; label: string; detail?: string } {
  const subscription = vm.subscriptionName || vm.subscriptionId;
  if (groupBy === 'subscription') return { key: `s:${vm.subscriptionId.toLowerCase()}`, label: subscription };
  return {
    key: `g:${vm.subscriptionId.toLowerCase()}/${vm.resourceGroup.toLowerCase()}`,
    label: vm.resourceGroup,
    detail: subscription,
  };
}

/**
 * The grid's rows with group headers: groups by label (then detail), rows inside a group in the order given (the
 * grid's sort), collapsed groups as their header only. `groupBy: 'none'` = the rows as they are. Pure.
 */
export function groupRows<TRow>(
  rows: readonly TRow[],
  vmOf: (row: TRow) => Vm,
  groupBy: GroupBy,
  collapsed: ReadonlySet<string>,
): GridEntry<TRow>[] {
  if (groupBy === 'none') return rows.map((row) => ({ kind: 'row', row }));
  const groups = new Map<string, { label: string; detail?: string; rows: TRow[] }>();
  for (const row of rows) {
    const { key, label, detail } = groupOf(vmOf(row), groupBy);
    const group = groups.get(key);
    if (group) group.rows.push(row);
    else groups.set(key, { label, ...(detail !== undefined && { detail }), rows: [row] });
  }
  const ordered = [...groups.entries()].sort(
    ([, a], [, b]) => collator.compare(a.label, b.label) || collator.compare(a.detail ?? '', b.detail ?? ''),
  );
  const entries: GridEntry<TRow>[] = [];
  for (const [key, group] of ordered) {
    const isCollapsed = collapsed.has(key);
    entries.push({
      kind: 'group',
      key,
      label: group.label,
      ...(group.detail !== undefined && { detail: group.detail }),
      count: group.rows.length,
      collapsed: isCollapsed,
    });
    if (!isCollapsed) for (const row of group.rows) entries.push({ kind: 'row', row });
  }
  return entries;
}
