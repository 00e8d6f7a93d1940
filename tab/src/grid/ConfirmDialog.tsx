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
import type { BulkPlan } from '../../../contract/power.ts';
import type { VmAction } from '../../../contract/vm.ts';
import { actionInfo, skipText } from './actions.ts';
import type { GridItem } from './grid-item.ts';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    maxHeight: '160px',
    overflowY: 'auto',
    overflowWrap: 'anywhere',
  },
  skippedTitle: { fontWeight: tokens.fontWeightSemibold },
});

/** An action the user asked for, split into what it runs on and what it skips. */
export interface ActionRequest {
  readonly action: VmAction;
  readonly plan: BulkPlan<GridItem>;
}

export interface ConfirmDialogProps {
  /** The request to confirm; undefined = closed. */
  readonly request: ActionRequest | undefined;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

const MAX_LISTED = 10;

/** `names` as a list, the first ten, then "and N more". */
function NameList({ label, names }: { readonly label: string; readonly names: readonly string[] }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label}>
      {names.slice(0, MAX_LISTED).map((name) => (
        <li key={name}>{name}</li>
      ))}
      {names.length > MAX_LISTED && <li>{`and ${names.length - MAX_LISTED} more`}</li>}
    </ul>
  );
}

/**
 * Asks before stop, restart and power off, saying what each means for billing; and before any bulk action that
 * skips VMs, listing each skipped one with the reason (its role, its power state, an operation already running), so
 * nobody wonders why three of five VMs started.
 */
export function ConfirmDialog({ request, onConfirm, onCancel }: ConfirmDialogProps) {
  const styles = useStyles();
  const info = request ? actionInfo(request.action) : undefined;
  const eligible = request?.plan.eligible ?? [];
  const skipped = request?.plan.skipped ?? [];
  const target = eligible.length === 1 ? eligible[0]!.vm.name : `${eligible.length} VMs`;
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
              {eligible.length > 1 && (
                <NameList label="Selected VMs" names={eligible.map((i) => i.vm.name)} />
              )}
              {skipped.length > 0 && (
                <section aria-label="Skipped VMs">
                  <Text className={styles.skippedTitle} as="p">
                    {`Skipped (${skipped.length}): the action doesn't make sense for ${skipped.length === 1 ? 'it' : 'them'}.`}
                  </Text>
                  <NameList label="Skipped VMs" names={skipped.map(skipText)} />
                </section>
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
