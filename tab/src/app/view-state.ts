import { POWER_STATES, type PowerState } from '../../../contract/vm.ts';
import { isSubscriptionId, parseVmId } from '../../../contract/vm-id.ts';
import { EMPTY_FILTER, type VmFilter } from '../grid/filter.ts';
import { GROUP_BY, type GroupBy } from '../grid/groups.ts';
import { DEFAULT_SORT, SORTABLE, type SortColumn, type ViewSort } from '../grid/sort.ts';

export { DEFAULT_SORT, type ViewSort };

/**
 * What the user is looking at — filters, sort, grouping and the VM open in the details panel — as URL parameters,
 * so a view can be shared as a link (and, in Teams, as a deep link whose `subPageId` carries the same string) and
 * survives a reload. Pure helpers over a search string; parameters they do not own (e.g. `theme`) are kept.
 *
 * `?q=web&state=running,deallocated&sub={id},{id}&sort=-powerState&group=resourceGroup&vm={ARM id}`
 */

export interface ViewState {
  readonly filter: VmFilter;
  readonly sort: ViewSort;
  readonly groupBy: GroupBy;
  /** The VM open in the details panel (an ARM id). */
  readonly vm?: string;
}

export const DEFAULT_VIEW: ViewState = { filter: EMPTY_FILTER, sort: DEFAULT_SORT, groupBy: 'none' };

/** The parameters this module owns. */
export const VIEW_PARAMS = ['q', 'state', 'sub', 'sort', 'group', 'vm'] as const;

/** A shared link is data from someone else: cap what it may put in the filter box and lists. */
const MAX_TEXT = 200;
const MAX_LIST = 50;

const list = (value: string | null): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, MAX_LIST);

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** The view a search string describes; anything unknown or malformed falls back to the default for that part. */
export function viewFromSearch(search: string): ViewState {
  const params = new URLSearchParams(search);
  const text = (params.get('q') ?? '').slice(0, MAX_TEXT);
  const states = unique(
    list(params.get('state')).filter((s): s is PowerState => POWER_STATES.includes(s as PowerState)),
  );
  const subscriptions = unique(
    list(params.get('sub'))
      .filter(isSubscriptionId)
      .map((s) => s.toLowerCase()),
  );
  const sortParam = params.get('sort') ?? '';
  const descending = sortParam.startsWith('-');
  const column = descending ? sortParam.slice(1) : sortParam;
  const sort: ViewSort = (SORTABLE as readonly string[]).includes(column)
    ? { column: column as SortColumn, direction: descending ? 'descending' : 'ascending' }
    : DEFAULT_SORT;
  const group = params.get('group') ?? '';
  const groupBy: GroupBy = (GROUP_BY as readonly string[]).includes(group) ? (group as GroupBy) : 'none';
  const vmParam = params.get('vm');
  const vm = vmParam && parseVmId(vmParam) ? vmParam : undefined;
  return { filter: { text, states, subscriptions }, sort, groupBy, ...(vm && { vm }) };
}

/** `search` with the view's parameters set (defaults omitted, so a plain view keeps a plain URL). */
export function searchWithView(search: string, view: ViewState): string {
  const params = new URLSearchParams(search);
  for (const name of VIEW_PARAMS) params.delete(name);
  const { filter, sort, groupBy, vm } = view;
  if (filter.text.trim()) params.set('q', filter.text.slice(0, MAX_TEXT));
  if (filter.states.length > 0) params.set('state', filter.states.join(','));
  if (filter.subscriptions.length > 0) params.set('sub', filter.subscriptions.join(','));
  if (sort.column !== DEFAULT_SORT.column || sort.direction !== DEFAULT_SORT.direction)
    params.set('sort', `${sort.direction === 'descending' ? '-' : ''}${sort.column}`);
  if (groupBy !== 'none') params.set('group', groupBy);
  if (vm) params.set('vm', vm);
  const next = params.toString();
  return next ? `?${next}` : '';
}

/** Only the view's own parameters (what a Teams deep link's `subPageId` carries). */
export function viewQuery(view: ViewState): string {
  return searchWithView('', view).replace(/^\?/, '');
}

/**
 * A Teams deep link to this tab showing `view`: `https://teams.microsoft.com/l/entity/{appId}/{entityId}` with
 * `context.subEntityId` = the view's query; Teams hands it back to the tab as `page.subPageId`.
 */
export function teamsDeepLink(appId: string, entityId: string, view: ViewState): string {
  const context = JSON.stringify({ subEntityId: viewQuery(view) });
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(appId)}/${encodeURIComponent(entityId)}?context=${encodeURIComponent(context)}`;
}
