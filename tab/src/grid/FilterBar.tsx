import { Button, Dropdown, makeStyles, Option, SearchBox, Text, tokens } from '@fluentui/react-components';
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
  dropdown: { flex: '1 1 180px', minWidth: 0, maxWidth: '280px' },
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

/**
 * Text, power state and subscription filters. Each control is named for what it filters ("Filter by power state"),
 * so a screen reader announces a filter, not a bare "Power state" combo box whose value reads like data.
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
  const subscriptionName = (id: string) => option(id)?.name ?? id;
  return (
    <div className={styles.root} role="search" aria-label="Filter VMs">
      <SearchBox
        className={styles.search}
        aria-label="Filter by name, resource group, location, size or tag"
        placeholder="Filter by name, group, location, tag…"
        value={filter.text}
        onChange={(_e, data) => onChange({ ...filter, text: data.value })}
      />
      <Dropdown
        className={styles.dropdown}
        aria-label="Filter by power state"
        multiselect
        placeholder="All power states"
        value={filter.states.map(stateLabel).join(', ')}
        selectedOptions={[...filter.states]}
        onOptionSelect={(_e, data) => onChange({ ...filter, states: data.selectedOptions as PowerState[] })}
      >
        {POWER_STATES.map((state) => (
          <Option key={state} value={state}>
            {stateLabel(state)}
          </Option>
        ))}
      </Dropdown>
      <Dropdown
        className={styles.dropdown}
        aria-label="Filter by subscription"
        multiselect
        placeholder="All subscriptions"
        value={filter.subscriptions.map(subscriptionName).join(', ')}
        selectedOptions={filter.subscriptions.map((id) => option(id)?.id ?? id)}
        onOptionSelect={(_e, data) => onChange({ ...filter, subscriptions: data.selectedOptions })}
      >
        {subscriptions.map((s) => (
          <Option key={s.id} value={s.id} text={s.name}>
            {`${s.name} (${s.count})`}
          </Option>
        ))}
      </Dropdown>
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
