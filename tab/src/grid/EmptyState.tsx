import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { Search48Regular, ShieldLock48Regular } from '@fluentui/react-icons';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalXXL}`,
    maxWidth: '640px',
    margin: '0 auto',
  },
  icon: { color: tokens.colorNeutralForeground3 },
  body: { color: tokens.colorNeutralForeground2 },
});

/** No VM at all: visibility follows the user's Azure RBAC, so say what to ask for. */
export function NoVmsState() {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="vmm-empty-title">
      <ShieldLock48Regular className={styles.icon} aria-hidden />
      <Text as="h2" size={500} weight="semibold" id="vmm-empty-title">
        You don't have access to any virtual machines
      </Text>
      <Text className={styles.body}>
        This list shows the VMs your own Azure role assignments let you read, across all your subscriptions.
        To see VMs here, ask the subscription's owner for the <strong>Reader</strong> role on the
        subscription, resource group or VM. To start and stop them too, ask for{' '}
        <strong>Virtual Machine Contributor</strong> or{' '}
        <strong>Desktop Virtualization Power On Off Contributor</strong>.
      </Text>
    </section>
  );
}

/** VMs exist but none matches the filters. */
export function NoMatchState({ onClear }: { readonly onClear: () => void }) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="vmm-nomatch-title">
      <Search48Regular className={styles.icon} aria-hidden />
      <Text as="h2" size={500} weight="semibold" id="vmm-nomatch-title">
        No VMs match your filters
      </Text>
      <Button onClick={onClear}>Clear filters</Button>
    </section>
  );
}
