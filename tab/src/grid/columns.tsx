import {
  createTableColumn,
  Link,
  makeStyles,
  Tooltip,
  tokens,
  type TableColumnDefinition,
} from '@fluentui/react-components';
import { Clock16Regular } from '@fluentui/react-icons';
import { autoShutdownText } from '../../../contract/auto-shutdown.ts';
import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';
import { powerActionsOf, type PowerState, type VmAction } from '../../../contract/vm.ts';
import {
  isStillBilled,
  perHourText,
  perMonthText,
  PRICE_NOTE,
  stillBilledText,
} from '../../../contract/cost.ts';
import { compareText as text } from './collate.ts';
import type { GridItem } from './grid-item.ts';
import { POWER_STATE_RANK } from './power-state.ts';
import { PowerStateBadge } from './PowerStateBadge.tsx';
import { ReadOnlyBadge } from './ReadOnlyBadge.tsx';
import { RowMenu } from './RowMenu.tsx';
import { SORTABLE, type SortColumn } from './sort.ts';

export type ColumnId = SortColumn | 'actions';

/** Columns the user may hide (the column chooser): name, state and the row menu are always there. */
export const OPTIONAL_COLUMNS: readonly { readonly id: ColumnId; readonly label: string }[] = [
  { id: 'size', label: 'Size' },
  { id: 'osType', label: 'OS' },
  { id: 'location', label: 'Location' },
  { id: 'resourceGroup', label: 'Resource group' },
  { id: 'subscription', label: 'Subscription' },
  { id: 'price', label: 'Price' },
  { id: 'tags', label: 'Tags' },
];

/** Tags as one line, `key: value` pairs by key; the cell's title shows them all. Pure. */
export function tagsText(tags: Readonly<Record<string, string>> | undefined): string {
  return Object.entries(tags ?? {})
    .sort(([a], [b]) => text(a, b))
    .map(([key, value]) => (value ? `${key}: ${value}` : key))
    .join(' · ');
}

/** tagsText per tags object, for sorting (a sort compares each row many times). */
const tagsTexts = new WeakMap<Readonly<Record<string, string>>, string>();
function sortableTagsText(tags: Readonly<Record<string, string>> | undefined): string {
  if (!tags) return '';
  let value = tagsTexts.get(tags);
  if (value === undefined) {
    value = tagsText(tags);
    tagsTexts.set(tags, value);
  }
  return value;
}
const rank = (state: string) => POWER_STATE_RANK[state as PowerState] ?? POWER_STATE_RANK.unknown;

const useStyles = makeStyles({
  name: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  stacked: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: '2px', minWidth: 0 },
  link: {
    fontWeight: tokens.fontWeightSemibold,
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    textAlign: 'start',
  },
  badges: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  tags: { minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  none: { color: tokens.colorNeutralForeground3 },
  // Two compact lines within the grid's fixed row height.
  price: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  month: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100 },
  clock: { flexShrink: 0, display: 'inline-flex', color: tokens.colorNeutralForeground3 },
  billed: {
    color: tokens.colorPaletteMarigoldForeground2,
    fontSize: tokens.fontSizeBase100,
    fontWeight: tokens.fontWeightSemibold,
  },
});

/** What the cells can do: open the details panel, run an action on that one VM. */
export interface ColumnHandlers {
  readonly onOpen: (item: GridItem) => void;
  readonly onAction: (action: VmAction, item: GridItem) => void;
  /** The user's tenant, for the portal link. */
  readonly tenant?: string;
}

/**
 * A cell's own controls must not also toggle the row's selection (the DataGrid selects a row on click and on Space,
 * and React bubbles the menu's events through its portal to the row): they stop at this wrapper.
 */
export function Interactive({ children }: { readonly children: ReactNode }) {
  const stop = (event: MouseEvent | KeyboardEvent) => {
    if ('key' in event && event.key !== 'Enter' && event.key !== ' ') return;
    event.stopPropagation();
  };
  return (
    <span onClick={stop} onKeyDown={stop} style={{ display: 'contents' }}>
      {children}
    </span>
  );
}

function NameCell({
  item,
  handlers,
  stacked,
}: {
  readonly item: GridItem;
  readonly handlers: ColumnHandlers;
  readonly stacked: boolean;
}) {
  const styles = useStyles();
  const readOnly = powerActionsOf(item.vm.actions).length === 0;
  const link = (
    <Interactive>
      <Link
        as="button"
        className={styles.link}
        onClick={() => handlers.onOpen(item)}
        aria-label={`${item.vm.name}: show details`}
        data-vm-link
      >
        <span data-vm-name>{item.vm.name}</span>
      </Link>
    </Interactive>
  );
  if (stacked)
    return (
      <div className={styles.stacked}>
        {link}
        <div className={styles.badges}>
          <PowerStateBadge
            state={item.vm.powerState}
            {...(item.operation && { operation: item.operation })}
          />
          {readOnly && <ReadOnlyBadge />}
        </div>
      </div>
    );
  const schedule = item.vm.autoShutdown;
  return (
    <div className={styles.name}>
      {link}
      {readOnly && <ReadOnlyBadge />}
      {schedule?.enabled && (
        <Tooltip content={autoShutdownText(schedule)} relationship="label">
          <span className={styles.clock} tabIndex={0} role="img" data-auto-shutdown>
            <Clock16Regular aria-hidden />
          </span>
        </Tooltip>
      )}
    </div>
  );
}

/**
 * The VM's list price per hour and ≈ per month (730 h); for a VM stopped but still allocated, the warning that it is
 * still billed. "—" when the price is unknown.
 */
function PriceCell({ vm }: { readonly vm: GridItem['vm'] }) {
  const styles = useStyles();
  const price = vm.price;
  if (!price)
    return (
      <span className={styles.none} title="Price unknown">
        —
      </span>
    );
  const billed = isStillBilled(vm) ? stillBilledText(price) : undefined;
  const month = perMonthText(price);
  return (
    <div className={styles.price} title={`${month}. ${PRICE_NOTE}${billed ? `\n${billed}` : ''}`}>
      <span data-price-hour>{perHourText(price)}</span>
      {billed ? (
        <span className={styles.billed} data-still-billed aria-label={billed}>
          Billed while stopped
        </span>
      ) : (
        <span className={styles.month}>{month}</span>
      )}
    </div>
  );
}

function TagsCell({ tags }: { readonly tags: Readonly<Record<string, string>> | undefined }) {
  const styles = useStyles();
  const value = tagsText(tags);
  if (!value) return <span className={styles.none}>No tags</span>;
  return (
    <span className={styles.tags} title={value}>
      {value}
    </span>
  );
}

function column(
  columnId: ColumnId,
  label: string,
  value: (item: GridItem) => string,
  render?: TableColumnDefinition<GridItem>['renderCell'],
) {
  return createTableColumn<GridItem>({
    columnId,
    compare: (a, b) => text(value(a), value(b)) || text(a.vm.name, b.vm.name),
    renderHeaderCell: () => label,
    renderCell: render ?? ((item) => value(item)),
  });
}

/**
 * The grid's columns. Sorting compares case-insensitively with numeric collation; ties fall back to the name.
 * `stacked`: the name cell also shows the state (narrow windows, where the state column is hidden).
 */
export function makeColumns(
  handlers: ColumnHandlers,
  options: { readonly stacked?: boolean } = {},
): readonly TableColumnDefinition<GridItem>[] {
  const stacked = options.stacked ?? false;
  return [
    column(
      'name',
      'Name',
      (i) => i.vm.name,
      (i) => <NameCell item={i} handlers={handlers} stacked={stacked} />,
    ),
    createTableColumn<GridItem>({
      columnId: 'powerState',
      compare: (a, b) => rank(a.vm.powerState) - rank(b.vm.powerState) || text(a.vm.name, b.vm.name),
      renderHeaderCell: () => 'Power state',
      renderCell: (item) => (
        <PowerStateBadge state={item.vm.powerState} {...(item.operation && { operation: item.operation })} />
      ),
    }),
    column('size', 'Size', (i) => i.vm.size),
    column('osType', 'OS', (i) => i.vm.osType),
    column('location', 'Location', (i) => i.vm.location),
    column('resourceGroup', 'Resource group', (i) => i.vm.resourceGroup),
    column('subscription', 'Subscription', (i) => i.vm.subscriptionName || i.vm.subscriptionId),
    createTableColumn<GridItem>({
      columnId: 'price',
      // By price per hour; VMs without a known price last.
      compare: (a, b) =>
        (a.vm.price?.perHour ?? Infinity) - (b.vm.price?.perHour ?? Infinity) || text(a.vm.name, b.vm.name),
      renderHeaderCell: () => 'Price',
      renderCell: (item) => <PriceCell vm={item.vm} />,
    }),
    column(
      'tags',
      'Tags',
      (i) => sortableTagsText(i.vm.tags),
      (i) => <TagsCell tags={i.vm.tags} />,
    ),
    createTableColumn<GridItem>({
      columnId: 'actions',
      renderHeaderCell: () => <span style={visuallyHidden}>Actions</span>,
      renderCell: (item) => (
        <Interactive>
          <RowMenu
            item={item}
            onOpen={() => handlers.onOpen(item)}
            onAction={(action) => handlers.onAction(action, item)}
            {...(handlers.tenant && { tenant: handlers.tenant })}
          />
        </Interactive>
      ),
    }),
  ];
}

const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

/** Display order of every column. */
const DISPLAY_ORDER: readonly ColumnId[] = [...SORTABLE, 'actions'];

/** Below this width the grid shows only the name (with the state under it) and the row menu. */
export const STACKED_BELOW = 560;
/** Name, state, row menu and the selection checkbox. */
const BASE_WIDTH = 560;
/** What each optional column adds, in the order they are given room (highest priority first). */
const PRIORITY: readonly { readonly id: ColumnId; readonly width: number }[] = [
  { id: 'resourceGroup', width: 100 },
  { id: 'location', width: 100 },
  { id: 'size', width: 100 },
  { id: 'subscription', width: 100 },
  { id: 'osType', width: 180 },
  { id: 'price', width: 110 },
  { id: 'tags', width: 200 },
];

/**
 * Which columns a grid `width` px wide shows, by priority: name, state and the row menu always (the state inside the
 * name cell below 560 px), then resource group and location, size and subscription, OS, price and tags — each only
 * when the ones before it fit. Columns the user hid (the column chooser) are skipped and leave their room to the
 * next. Pure.
 */
export function visibleColumns(
  width: number,
  hidden: ReadonlySet<ColumnId> = new Set(),
): {
  readonly ids: readonly ColumnId[];
  readonly stacked: boolean;
} {
  if (width < STACKED_BELOW) return { ids: ['name', 'actions'], stacked: true };
  const shown = new Set<ColumnId>(['name', 'powerState', 'actions']);
  let used = BASE_WIDTH;
  for (const column of PRIORITY) {
    if (hidden.has(column.id)) continue;
    if (used + column.width > width) break;
    used += column.width;
    shown.add(column.id);
  }
  return { ids: DISPLAY_ORDER.filter((id) => shown.has(id)), stacked: false };
}
