import {
  Button,
  Dropdown,
  makeStyles,
  Menu,
  MenuItemCheckbox,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Option,
  tokens,
  Tooltip,
  type MenuProps,
} from '@fluentui/react-components';
import { ColumnTripleEdit20Regular, Link20Regular } from '@fluentui/react-icons';
import type { ColumnId } from './columns.tsx';
import type { GroupBy } from './groups.ts';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    minWidth: 0,
  },
  group: { minWidth: '150px', maxWidth: '220px' },
  // Narrow windows: the buttons keep their icon and accessible name, and give up their label's room.
  label: { '@media (max-width: 480px)': { display: 'none' } },
});

const GROUP_LABELS: Readonly<Record<GroupBy, string>> = {
  none: 'No grouping',
  subscription: 'Group by subscription',
  resourceGroup: 'Group by resource group',
};

export interface ViewControlsProps {
  readonly groupBy: GroupBy;
  readonly onGroupByChange: (groupBy: GroupBy) => void;
  /** The columns the chooser offers (name, state and the row menu are always shown). */
  readonly columns: readonly { readonly id: ColumnId; readonly label: string }[];
  readonly hidden: ReadonlySet<ColumnId>;
  readonly onHiddenChange: (hidden: ReadonlySet<ColumnId>) => void;
  /** Copies (or, in Teams, shares) a link to this view. */
  readonly onShare?: () => void;
}

/** Grouping, the column chooser and "Copy link to this view": how the list is shown, not which VMs. */
export function ViewControls({
  groupBy,
  onGroupByChange,
  columns,
  hidden,
  onHiddenChange,
  onShare,
}: ViewControlsProps) {
  const styles = useStyles();
  const shown = columns.filter((c) => !hidden.has(c.id)).map((c) => c.id);
  const onCheckedValueChange: MenuProps['onCheckedValueChange'] = (_e, data) => {
    const checked = new Set(data.checkedItems);
    onHiddenChange(new Set(columns.filter((c) => !checked.has(c.id)).map((c) => c.id)));
  };
  return (
    <div className={styles.root}>
      <Dropdown
        className={styles.group}
        aria-label="Group rows"
        value={GROUP_LABELS[groupBy]}
        selectedOptions={[groupBy]}
        onOptionSelect={(_e, data) => onGroupByChange((data.optionValue as GroupBy | undefined) ?? 'none')}
      >
        {(Object.keys(GROUP_LABELS) as GroupBy[]).map((key) => (
          <Option key={key} value={key}>
            {GROUP_LABELS[key]}
          </Option>
        ))}
      </Dropdown>
      <Menu checkedValues={{ columns: shown }} onCheckedValueChange={onCheckedValueChange}>
        <MenuTrigger disableButtonEnhancement>
          <Button appearance="subtle" icon={<ColumnTripleEdit20Regular />} aria-label="Columns">
            <span className={styles.label}>Columns</span>
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList aria-label="Columns to show">
            {columns.map((c) => (
              <MenuItemCheckbox key={c.id} name="columns" value={c.id}>
                {c.label}
              </MenuItemCheckbox>
            ))}
          </MenuList>
        </MenuPopover>
      </Menu>
      {onShare && (
        <Tooltip
          content="Copy a link that opens this view: filters, sort, grouping and the open VM"
          relationship="description"
        >
          <Button appearance="subtle" icon={<Link20Regular />} onClick={onShare} aria-label="Copy link">
            <span className={styles.label}>Copy link</span>
          </Button>
        </Tooltip>
      )}
    </div>
  );
}
