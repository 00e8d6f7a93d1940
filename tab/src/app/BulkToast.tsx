import { Button, makeStyles, Toast, ToastBody, ToastTitle, tokens, useId } from '@fluentui/react-components';
import { ChevronDown16Regular, ChevronUp16Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { BatchSummary } from './batch.ts';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  details: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  group: { margin: 0 },
  label: { fontWeight: tokens.fontWeightSemibold },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    maxHeight: '160px',
    overflowY: 'auto',
    overflowWrap: 'anywhere',
  },
  toggle: { alignSelf: 'flex-start', minWidth: 0, paddingLeft: 0 },
});

/**
 * The one toast of a bulk request: its counts as the title, the reason of a whole refusal as the body, and what
 * happened to each VM behind "Show details" (a disclosure button, so screen readers hear it expand).
 */
export function BulkToast({ summary }: { readonly summary: BatchSummary }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const detailsId = useId('vmm-bulk-details');
  return (
    <Toast data-bulk-toast>
      <ToastTitle>{summary.title}</ToastTitle>
      <ToastBody className={styles.body}>
        {summary.body && <span>{summary.body}</span>}
        {summary.details.length > 0 && (
          <>
            <Button
              appearance="transparent"
              size="small"
              className={styles.toggle}
              icon={open ? <ChevronUp16Regular /> : <ChevronDown16Regular />}
              aria-expanded={open}
              aria-controls={detailsId}
              onClick={() => setOpen((o) => !o)}
            >
              {open ? 'Hide details' : 'Show details'}
            </Button>
            <div id={detailsId} className={styles.details} hidden={!open}>
              {summary.details.map((group) => (
                <div key={group.label} className={styles.group}>
                  <span className={styles.label}>{`${group.label} (${group.lines.length})`}</span>
                  <ul className={styles.list}>
                    {group.lines.map((line, i) => (
                      <li key={`${i}-${line}`}>{line}</li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          </>
        )}
      </ToastBody>
    </Toast>
  );
}
