import {
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Text,
  Toolbar,
  ToolbarButton,
  ToolbarDivider,
  Tooltip,
  tokens,
} from '@fluentui/react-components';
import { Dismiss20Regular, MoreHorizontal20Regular } from '@fluentui/react-icons';
import type { VmAction } from '../../../contract/vm.ts';
import { useWidth } from '../hooks/useWidth.ts';
import { ACTIONS, availability } from './actions.ts';
import type { GridItem } from './grid-item.ts';
import { ACTION_ICONS } from './RowMenu.tsx';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    minWidth: 0,
  },
  toolbar: { paddingLeft: 0, paddingRight: 0, flexWrap: 'nowrap', minWidth: 0 },
  count: { color: tokens.colorNeutralForeground2, marginLeft: tokens.spacingHorizontalS },
});

/** Below this width the toolbar keeps Start and Stop as buttons and moves the rest into a "More" menu. */
export const TOOLBAR_COLLAPSE_PX = 560;
/** The actions that stay buttons in a collapsed toolbar: the everyday ones. */
const KEPT: readonly VmAction[] = ['start', 'deallocate'];

export interface VmToolbarProps {
  readonly selected: readonly GridItem[];
  readonly onAction: (action: VmAction) => void;
  readonly onClearSelection: () => void;
}

/**
 * Actions on the selected VMs. A disabled button stays focusable and its tooltip (also its accessible
 * description) says why: the user's Azure role, the VMs' power state, an operation already running, or nothing
 * selected; an enabled one says what it does and which selected VMs it skips. In a narrow pane the less common
 * actions and "Clear selection" collapse into an overflow menu whose items say the same.
 */
export function VmToolbar({ selected, onAction, onClearSelection }: VmToolbarProps) {
  const styles = useStyles();
  const { ref, width } = useWidth();
  const collapsed = width < TOOLBAR_COLLAPSE_PX;
  const buttons = collapsed ? ACTIONS.filter((a) => KEPT.includes(a.action)) : ACTIONS;
  const overflow = collapsed ? ACTIONS.filter((a) => !KEPT.includes(a.action)) : [];
  return (
    <div className={styles.root} ref={ref} data-collapsed={collapsed || undefined}>
      <Toolbar aria-label="Actions on selected VMs" className={styles.toolbar}>
        {buttons.map((info) => {
          const { enabled, reason } = availability(info.action, selected);
          return (
            <Tooltip key={info.action} content={reason} relationship="description" withArrow>
              <ToolbarButton
                icon={ACTION_ICONS[info.action]}
                disabledFocusable={!enabled}
                onClick={enabled ? () => onAction(info.action) : undefined}
                data-action={info.action}
              >
                {info.label}
              </ToolbarButton>
            </Tooltip>
          );
        })}
        {collapsed ? (
          <Menu>
            <MenuTrigger disableButtonEnhancement>
              <Tooltip content="More actions" relationship="label">
                <ToolbarButton icon={<MoreHorizontal20Regular />} data-toolbar-overflow />
              </Tooltip>
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                {overflow.map((info) => {
                  const { enabled, reason } = availability(info.action, selected);
                  return (
                    <MenuItem
                      key={info.action}
                      icon={ACTION_ICONS[info.action]}
                      disabled={!enabled}
                      aria-description={reason}
                      onClick={() => onAction(info.action)}
                    >
                      {info.label}
                    </MenuItem>
                  );
                })}
                {selected.length > 0 && (
                  <MenuItem icon={<Dismiss20Regular />} onClick={onClearSelection}>
                    Clear selection
                  </MenuItem>
                )}
              </MenuList>
            </MenuPopover>
          </Menu>
        ) : (
          selected.length > 0 && (
            <>
              <ToolbarDivider />
              <ToolbarButton icon={<Dismiss20Regular />} onClick={onClearSelection}>
                Clear selection
              </ToolbarButton>
            </>
          )
        )}
      </Toolbar>
      <Text className={styles.count} aria-live="polite">
        {selected.length === 0 ? 'No VMs selected' : `${selected.length} selected`}
      </Text>
    </div>
  );
}
