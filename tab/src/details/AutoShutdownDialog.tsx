import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Switch,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { TIME_OF_DAY, type AutoShutdown } from '../../../contract/auto-shutdown.ts';
import { windowsIdForIana, windowsTimeZone, WINDOWS_TIME_ZONES } from '../../../contract/time-zones.ts';
import { toApiError } from '../api/errors.ts';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** The browser's zone as a Windows id (the schedule's time zone default); UTC when the table has none. */
export function defaultTimeZone(): string {
  try {
    return windowsIdForIana(Intl.DateTimeFormat().resolvedOptions().timeZone);
  } catch {
    return 'UTC';
  }
}

const NOTIFY_CHOICES = [
  { value: '', label: 'No Teams card' },
  { value: '15', label: '15 minutes before' },
  { value: '30', label: '30 minutes before' },
  { value: '60', label: '1 hour before' },
  { value: '120', label: '2 hours before' },
] as const;

export interface AutoShutdownDialogProps {
  readonly open: boolean;
  readonly vmName: string;
  /** The schedule now (null: none). */
  readonly current: AutoShutdown | null;
  /** Saves (`null`: turn off); rejects with the service's error, shown in the dialog. */
  readonly onSave: (value: AutoShutdown | null) => Promise<void>;
  readonly onClose: () => void;
}

/**
 * Set, change or turn off a VM's daily auto-shutdown, as the Azure portal's blade does: on/off, the time, the time
 * zone (default: the user's own), and the Teams card before it (with Skip and Delay).
 */
export function AutoShutdownDialog(props: AutoShutdownDialogProps) {
  const styles = useStyles();
  const { current, open } = props;
  const [enabled, setEnabled] = useState(true);
  const [time, setTime] = useState('19:00');
  const [timeZone, setTimeZone] = useState('UTC');
  const [notify, setNotify] = useState('30');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    if (!open) return;
    setEnabled(current?.enabled ?? true);
    setTime(current?.time ?? '19:00');
    setTimeZone(current?.timeZone ?? defaultTimeZone());
    setNotify(
      current ? (current.notifyMinutesBefore === null ? '' : String(current.notifyMinutesBefore)) : '30',
    );
    setError(undefined);
    setSaving(false);
  }, [open, current]);

  const timeValid = TIME_OF_DAY.test(time);
  const save = (value: AutoShutdown | null) => {
    setSaving(true);
    setError(undefined);
    props.onSave(value).then(
      () => {
        setSaving(false);
        props.onClose();
      },
      (reason: unknown) => {
        const failure = toApiError(reason);
        setSaving(false);
        setError(`${failure.message} (${failure.displayCode})`);
      },
    );
  };
  // Azure compares zone ids case-insensitively: `w. europe standard time` is the table's W. Europe entry. Only an id
  // the table lacks gets an option of its own.
  const known = windowsTimeZone(timeZone);
  const zone = known?.id ?? timeZone;
  const zones = known
    ? WINDOWS_TIME_ZONES
    : [{ id: timeZone, iana: '', label: timeZone }, ...WINDOWS_TIME_ZONES];

  return (
    <Dialog open={open} onOpenChange={(_e, data) => !data.open && props.onClose()}>
      <DialogSurface aria-describedby={undefined} data-testid="auto-shutdown-dialog">
        <DialogBody>
          <DialogTitle>{`Auto-shutdown of ${props.vmName}`}</DialogTitle>
          <DialogContent className={styles.content}>
            {error && (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
            <Switch
              label="Shut down daily"
              checked={enabled}
              onChange={(_e, data) => setEnabled(data.checked)}
            />
            <Field
              label="Time"
              validationState={timeValid ? 'none' : 'error'}
              validationMessage={timeValid ? undefined : 'Use a time between 00:00 and 23:59.'}
            >
              <Input
                type="time"
                value={time}
                onChange={(_e, data) => setTime(data.value.slice(0, 5))}
                data-testid="auto-shutdown-time"
              />
            </Field>
            <Field label="Time zone">
              <Select
                value={zone}
                onChange={(_e, data) => setTimeZone(data.value)}
                data-testid="auto-shutdown-zone"
              >
                {zones.map((zone) => (
                  <option key={zone.id} value={zone.id}>
                    {zone.label}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Teams card before shutdown (Skip, Delay)">
              <Select
                value={notify}
                onChange={(_e, data) => setNotify(data.value)}
                data-testid="auto-shutdown-notify"
              >
                {NOTIFY_CHOICES.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </Select>
            </Field>
          </DialogContent>
          <DialogActions>
            {current && (
              <Button disabled={saving} onClick={() => save(null)}>
                Turn off
              </Button>
            )}
            <Button onClick={props.onClose} disabled={saving}>
              Cancel
            </Button>
            <Button
              appearance="primary"
              disabled={saving || !timeValid}
              onClick={() =>
                save({
                  enabled,
                  time,
                  timeZone: zone,
                  notifyMinutesBefore: notify === '' ? null : Number(notify),
                })
              }
            >
              {saving ? 'Saving…' : 'Save'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
