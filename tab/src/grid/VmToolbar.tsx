import {
  makeStyles,
  Text,
  Toolbar,
  ToolbarButton,
  ToolbarDivider,
  Tooltip,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowClockwise20Regular,
  Dismiss20Regular,
  Play20Regular,
  Power20Regular,
  Stop20Regular,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import type { VmAction } from '../../../contract/vm.ts';
import { ACTIONS, availability } from './actions.ts';
import type { GridItem } from './grid-item.ts';

const ICONS: Record<VmAction, ReactElement> = {
  start: <Play20Regular />,
  deallocate: <Stop20Regular />,
  restart: <ArrowClockwise20Regular />,
  powerOff: <Power20Regular />,
};

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  toolbar: { paddingLeft: 0, paddingRight: 0 },
  count: { color: tokens.colorNeutralForeground2, marginLeft: tokens.spacingHorizontalS },
});

export interface VmToolbarProps {
  readonly selected: readonly GridItem[];
  readonly onAction: (action: VmAction) => void;
  readonly onClearSelection: () => void;
}

/**
 * Actions on the selected VMs. A disabled button stays focusable and its tooltip (also its accessible
 * description) says why: the user's Azure role, an operation already running, or nothing to do.
 */
export function VmToolbar({ selected, onAction, onClearSelection }: VmToolbarProps) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Toolbar aria-label="Actions on selected VMs" className={styles.toolbar}>
        {ACTIONS.map((info) => {
          const { enabled, reason } = availability(info.action, selected);
          return (
            <Tooltip key={info.action} content={reason} relationship="description" withArrow>
              <ToolbarButton
                icon={ICONS[info.action]}
                disabledFocusable={!enabled}
                onClick={enabled ? () => onAction(info.action) : undefined}
                data-action={info.action}
              >
                {info.label}
              </ToolbarButton>
            </Tooltip>
          );
        })}
        {selected.length > 0 && (
          <>
            <ToolbarDivider />
            <ToolbarButton icon={<Dismiss20Regular />} onClick={onClearSelection}>
              Clear selection
            </ToolbarButton>
          </>
        )}
      </Toolbar>
      <Text className={styles.count} aria-live="polite">
        {selected.length === 0 ? 'No VMs selected' : `${selected.length} selected`}
      </Text>
    </div>
  );
}
