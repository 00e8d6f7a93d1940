import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { VmAction } from '../../../contract/vm.ts';
import { actionInfo } from './actions.ts';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, maxHeight: '160px', overflowY: 'auto' },
});

export interface ConfirmDialogProps {
  /** The action to confirm; undefined = closed. */
  readonly action: VmAction | undefined;
  readonly vmNames: readonly string[];
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

const MAX_LISTED = 10;

/** Asks before stop, restart and power off; says what each means for billing. */
export function ConfirmDialog({ action, vmNames, onConfirm, onCancel }: ConfirmDialogProps) {
  const styles = useStyles();
  const info = action ? actionInfo(action) : undefined;
  const target = vmNames.length === 1 ? vmNames[0] : `${vmNames.length} VMs`;
  return (
    <Dialog open={info !== undefined} modalType="modal" onOpenChange={(_e, data) => !data.open && onCancel()}>
      <DialogSurface aria-describedby="vmm-confirm-description">
        {info && (
          <DialogBody>
            <DialogTitle>{`${info.label} ${target}?`}</DialogTitle>
            <DialogContent className={styles.content}>
              {info.action === 'powerOff' ? (
                <MessageBar intent="warning" id="vmm-confirm-description">
                  <MessageBarBody>{info.description}</MessageBarBody>
                </MessageBar>
              ) : (
                <Text id="vmm-confirm-description">{info.description}</Text>
              )}
              {vmNames.length > 1 && (
                <ul className={styles.list} aria-label="Selected VMs">
                  {vmNames.slice(0, MAX_LISTED).map((name) => (
                    <li key={name}>{name}</li>
                  ))}
                  {vmNames.length > MAX_LISTED && <li>{`and ${vmNames.length - MAX_LISTED} more`}</li>}
                </ul>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onCancel}>
                Cancel
              </Button>
              <Button appearance="primary" onClick={onConfirm}>
                {`${info.label} ${target}`}
              </Button>
            </DialogActions>
          </DialogBody>
        )}
      </DialogSurface>
    </Dialog>
  );
}
