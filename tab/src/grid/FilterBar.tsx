import {
  Button,
  makeStyles,
  Menu,
  MenuButton,
  MenuItemCheckbox,
  MenuList,
  MenuPopover,
  MenuTrigger,
  SearchBox,
  Text,
  tokens,
  type MenuProps,
} from '@fluentui/react-components';
import { FilterDismiss20Regular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { POWER_STATES, type PowerState } from '../../../contract/vm.ts';
import { isFiltering, type SubscriptionOption, type VmFilter } from './filter.ts';
import { formatClock } from '../hooks/useNow.ts';
import { POWER_STATE_INFO } from './power-state.ts';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    flexWrap: 'wrap',
    minWidth: 0,
  },
  // Each control takes what it needs in a wide window and a whole line in a narrow one (never wider than it).
  search: { flex: '1 1 240px', minWidth: 0, maxWidth: '420px' },
  menuButton: {
    flex: '1 1 180px',
    minWidth: 0,
    maxWidth: '280px',
    justifyContent: 'space-between',
    fontWeight: tokens.fontWeightRegular,
  },
  // The choice can be long ("State: Running, Stopped (deallocated), …"): one line, cut with an ellipsis; the button's
  // accessible name is still all of it.
  menuLabel: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    minWidth: 0,
    textAlign: 'start',
  },
  count: { color: tokens.colorNeutralForeground2 },
});

export interface FilterBarProps {
  readonly filter: VmFilter;
  readonly onChange: (filter: VmFilter) => void;
  readonly subscriptions: readonly SubscriptionOption[];
  readonly shown: number;
  readonly total: number;
  /** The list shown is not fresh: "as of {time}". */
  readonly staleSince?: number;
  /** How the list is shown (grouping, columns, a link to the view), after the filters. */
  readonly children?: ReactNode;
}

interface FilterMenuProps {
  /** What it filters: "State". */
  readonly label: string;
  /** `checkedValues` key. */
  readonly name: string;
  readonly options: readonly { readonly value: string; readonly label: string; readonly text?: string }[];
  readonly chosen: readonly string[];
  readonly onChange: (chosen: string[]) => void;
}

/**
 * A filter as what it is: a menu button ("State: Running, Stopped (deallocated)" / "State: all") that opens a menu
 * of checkbox items, not a combo box whose popup is a checkbox menu (which screen readers announce wrongly).
 */
function FilterMenu({ label, name, options, chosen, onChange }: FilterMenuProps) {
  const styles = useStyles();
  const names = chosen.map((value) => {
    const option = options.find((o) => o.value === value);
    return option?.text ?? option?.label ?? value;
  });
  const text = `${label}: ${names.length === 0 ? 'all' : names.join(', ')}`;
  const onCheckedValueChange: MenuProps['onCheckedValueChange'] = (_e, data) => onChange(data.checkedItems);
  return (
    <Menu checkedValues={{ [name]: [...chosen] }} onCheckedValueChange={onCheckedValueChange}>
      <MenuTrigger disableButtonEnhancement>
        <MenuButton className={styles.menuButton} data-filter={name}>
          <span className={styles.menuLabel}>{text}</span>
        </MenuButton>
      </MenuTrigger>
      <MenuPopover>
        {/* Fluent names the menu after its button (aria-labelledby): "Subscription: all". */}
        <MenuList>
          {options.map((o) => (
            <MenuItemCheckbox key={o.value} name={name} value={o.value}>
              {o.label}
            </MenuItemCheckbox>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

/**
 * Text, power state and subscription filters. The search box is named for what it filters; the state and
 * subscription filters are menu buttons that say what they filter and what is chosen ("State: Running").
 */
export function FilterBar({
  filter,
  onChange,
  subscriptions,
  shown,
  total,
  staleSince,
  children,
}: FilterBarProps) {
  const styles = useStyles();
  const stateLabel = (s: PowerState) => POWER_STATE_INFO[s].label;
  // A link's subscription ids may differ in case from the list's (ARM ids compare case-insensitively).
  const option = (id: string) => subscriptions.find((s) => s.id.toLowerCase() === id.toLowerCase());
  return (
    <div className={styles.root} role="search" aria-label="Filter VMs">
      <SearchBox
        className={styles.search}
        aria-label="Filter by name, resource group, location, size or tag"
        placeholder="Filter by name, group, location, tag…"
        value={filter.text}
        onChange={(_e, data) => onChange({ ...filter, text: data.value })}
      />
      <FilterMenu
        label="State"
        name="states"
        options={POWER_STATES.map((state) => ({ value: state, label: stateLabel(state) }))}
        chosen={filter.states}
        onChange={(states) => onChange({ ...filter, states: states as PowerState[] })}
      />
      <FilterMenu
        label="Subscription"
        name="subscriptions"
        options={subscriptions.map((s) => ({ value: s.id, label: `${s.name} (${s.count})`, text: s.name }))}
        chosen={filter.subscriptions.map((id) => option(id)?.id ?? id)}
        onChange={(ids) => onChange({ ...filter, subscriptions: ids })}
      />
      {isFiltering(filter) && (
        <Button
          appearance="subtle"
          icon={<FilterDismiss20Regular />}
          onClick={() => onChange({ text: '', states: [], subscriptions: [] })}
        >
          Clear filters
        </Button>
      )}
      {children}
      <Text className={styles.count} data-testid="vm-count">
        {shown === total ? `${total} VMs` : `Showing ${shown} of ${total} VMs`}
        {staleSince !== undefined && ` · as of ${formatClock(staleSince)}`}
      </Text>
    </div>
  );
}
