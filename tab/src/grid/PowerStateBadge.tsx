import { Badge, Spinner } from '@fluentui/react-components';
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

export interface PowerStateBadgeProps {
  readonly state: string;
  /** An operation of ours in progress on this VM: shown instead of the last known state. */
  readonly operation?: Operation;
}

/** Power state as icon + colour + text (never colour alone). */
export function PowerStateBadge({ state, operation }: PowerStateBadgeProps) {
  if (operation?.status === 'InProgress') {
    return (
      <Badge
        appearance="tint"
        color="brand"
        shape="rounded"
        icon={<Spinner size="extra-tiny" aria-hidden />}
        data-state="busy"
      >
        {PROGRESS_LABEL[operation.action]}
      </Badge>
    );
  }
  const info = powerStateInfo(state);
  return (
    <Badge appearance="tint" color={info.tone} shape="rounded" icon={ICONS[info.tone]} data-state={state}>
      {info.label}
    </Badge>
  );
}
