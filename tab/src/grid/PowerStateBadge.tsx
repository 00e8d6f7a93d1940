import { Badge, makeStyles, Spinner } from '@fluentui/react-components';
import {
  ArrowSyncCircle16Regular,
  CheckmarkCircle16Filled,
  PauseCircle16Regular,
  QuestionCircle16Regular,
  RecordStop16Regular,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import type { Operation } from '../../../contract/operation.ts';
import { powerStateInfo, PROGRESS_LABEL, type StateTone } from './power-state.ts';

const ICONS: Record<StateTone, ReactElement> = {
  success: <CheckmarkCircle16Filled />,
  warning: <PauseCircle16Regular />,
  informative: <ArrowSyncCircle16Regular />,
  subtle: <RecordStop16Regular />,
  danger: <QuestionCircle16Regular />,
};

const useStyles = makeStyles({
  /**
   * One line, always: a narrow column truncates the label inside the outline (the full state is the badge's title)
   * instead of wrapping text through the badge's border.
   */
  badge: { whiteSpace: 'nowrap', maxWidth: '100%', minWidth: 0, flexShrink: 1 },
  label: { overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 },
});

export interface PowerStateBadgeProps {
  readonly state: string;
  /** An operation of ours in progress on this VM: shown instead of the last known state. */
  readonly operation?: Operation;
}

/** Power state as icon + colour + text (never colour alone). */
export function PowerStateBadge({ state, operation }: PowerStateBadgeProps) {
  const styles = useStyles();
  if (operation?.status === 'InProgress') {
    const label = PROGRESS_LABEL[operation.action];
    return (
      <Badge
        appearance="tint"
        color="brand"
        shape="rounded"
        icon={<Spinner size="extra-tiny" aria-hidden />}
        data-state="busy"
        className={styles.badge}
        title={label}
      >
        <span className={styles.label}>{label}</span>
      </Badge>
    );
  }
  const info = powerStateInfo(state);
  return (
    <Badge
      appearance="tint"
      color={info.tone}
      shape="rounded"
      icon={ICONS[info.tone]}
      data-state={state}
      className={styles.badge}
      title={info.label}
    >
      <span className={styles.label}>{info.label}</span>
    </Badge>
  );
}
