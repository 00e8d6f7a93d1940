import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  Link,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  OverlayDrawer,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowDownload20Regular,
  Copy20Regular,
  Dismiss24Regular,
  Open16Regular,
} from '@fluentui/react-icons';
import { useEffect, useState, type ReactNode } from 'react';
import type { Operation } from '../../../contract/operation.ts';
import {
  diskTypeLabel,
  portalConnectUrl,
  portalUrl,
  type DiskDetails,
  type NetworkInterfaceDetails,
  type VmDetails,
} from '../../../contract/vm-details.ts';
import type { Vm, VmAction } from '../../../contract/vm.ts';
import type { ApiError } from '../api/errors.ts';
import { ACTIONS, rowAvailability } from '../grid/actions.ts';
import { PowerStateBadge } from '../grid/PowerStateBadge.tsx';
import { ReadOnlyBadge } from '../grid/ReadOnlyBadge.tsx';
import { copyText, download } from './clipboard.ts';
import { connectOffer } from '../../../contract/connect.ts';
import { AutoShutdownDialog } from './AutoShutdownDialog.tsx';
import { autoShutdownText, type AutoShutdown } from '../../../contract/auto-shutdown.ts';
import {
  isStillBilled,
  perHourText,
  perMonthText,
  PRICE_NOTE,
  stillBilledText,
} from '../../../contract/cost.ts';
import { powerActionsOf } from '../../../contract/vm.ts';
import { useNow } from '../hooks/useNow.ts';
import { sinceText } from './since.ts';

const useStyles = makeStyles({
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  title: { overflowWrap: 'anywhere' },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  body: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    paddingBottom: tokens.spacingVerticalXXL,
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0 },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(110px, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere', minWidth: 0 },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    overflowWrap: 'anywhere',
    userSelect: 'all',
  },
  copyRow: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS, minWidth: 0 },
  grow: { flex: '1 1 auto', minWidth: 0 },
  nic: {
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
    paddingLeft: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  muted: { color: tokens.colorNeutralForeground2 },
  stateValue: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export interface VmDetailsPanelProps {
  /** The VM open in the panel; undefined = closed. */
  readonly vmId: string | undefined;
  /** The VM as the list has it (shown until the details arrive, and for its current state). */
  readonly vm?: Vm;
  readonly operation?: Operation;
  readonly details?: VmDetails;
  readonly error?: ApiError;
  readonly loading: boolean;
  readonly onRetry: () => void;
  readonly onClose: () => void;
  /** The user's tenant: the portal link opens that directory. */
  readonly tenant?: string;
  /** Full width on narrow windows. */
  readonly narrow?: boolean;
  readonly onAction: (action: VmAction) => void;
  /** Saves the VM's auto-shutdown (`null`: off). Absent: the schedule is shown but cannot be changed here. */
  readonly onSaveAutoShutdown?: (value: AutoShutdown | null) => Promise<void>;
}

/** The schedule, and the dialog to set, change or turn it off (for roles that allow it). */
function AutoShutdownSection({
  vm,
  onSave,
}: {
  readonly vm: Vm;
  readonly onSave: ((value: AutoShutdown | null) => Promise<void>) | undefined;
}) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const schedule = vm.autoShutdown ?? null;
  const canChange = onSave !== undefined && vm.actions.includes('setAutoShutdown');
  const notify =
    schedule?.enabled && schedule.notifyMinutesBefore !== null
      ? ` · Teams card ${schedule.notifyMinutesBefore} min before`
      : '';
  return (
    <Section title="Auto-shutdown">
      <div className={styles.copyRow}>
        <Text className={styles.grow} data-testid="auto-shutdown-text">
          {`${autoShutdownText(schedule, 'Off')}${notify}`}
        </Text>
        {canChange && (
          <Button size="small" onClick={() => setOpen(true)}>
            {schedule ? 'Change' : 'Set auto-shutdown'}
          </Button>
        )}
      </div>
      {!canChange && onSave !== undefined && (
        <Text size={200} className={styles.muted}>
          Your Azure role doesn't allow changing this VM's auto-shutdown.
        </Text>
      )}
      {onSave && (
        <AutoShutdownDialog
          open={open}
          vmName={vm.name}
          current={schedule}
          onSave={onSave}
          onClose={() => setOpen(false)}
        />
      )}
    </Section>
  );
}

function Fact({ term, children }: { readonly term: string; readonly children: ReactNode }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.value}>{children}</dd>
    </>
  );
}

function Section({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-label={title}>
      <Text as="h3" weight="semibold" size={400} className={styles.heading}>
        {title}
      </Text>
      {children}
    </section>
  );
}

/** A value with a Copy button that says "Copied" for a moment (and announces it: the button's name changes). */
function CopyValue({ value, label }: { readonly value: string; readonly label: string }) {
  const styles = useStyles();
  const [copied, setCopied] = useState<boolean | undefined>();
  useEffect(() => {
    if (copied === undefined) return;
    const timer = setTimeout(() => setCopied(undefined), 2_000);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <div className={styles.copyRow}>
      <code className={`${styles.code} ${styles.grow}`} data-copy-value>
        {value}
      </code>
      <Button
        size="small"
        icon={<Copy20Regular />}
        aria-label={copied ? `${label} copied` : `Copy ${label}`}
        onClick={() => void copyText(value).then(setCopied)}
      >
        {copied === undefined ? 'Copy' : copied ? 'Copied' : 'Copy failed'}
      </Button>
    </div>
  );
}

/** One NIC: its addresses, or why it could not be read. */
function NicFacts({ nic }: { readonly nic: NetworkInterfaceDetails }) {
  const styles = useStyles();
  return (
    <div className={styles.nic} data-nic={nic.name}>
      <Text weight="semibold">{`${nic.name}${nic.primary ? ' (primary)' : ''}`}</Text>
      {nic.error ? (
        <Text className={styles.muted}>
          {`You can't read this network interface: ${nic.error.message} (${nic.error.armCode ?? nic.error.code})`}
        </Text>
      ) : (
        <dl className={styles.facts}>
          {nic.ipConfigurations.map((config) => (
            <IpFacts key={config.name} config={config} />
          ))}
        </dl>
      )}
    </div>
  );
}

function IpFacts({ config }: { readonly config: NetworkInterfaceDetails['ipConfigurations'][number] }) {
  const ip = config.publicIp;
  let publicText: string;
  if (!ip) publicText = 'None';
  else if (ip.error) publicText = `${ip.name}: you can't read it (${ip.error.armCode ?? ip.error.code})`;
  else if (ip.ipAddress)
    publicText = `${ip.ipAddress}${ip.allocationMethod ? ` (${ip.allocationMethod.toLowerCase()})` : ''}`;
  else publicText = `${ip.name}: no address while the VM is deallocated (dynamic)`;
  return (
    <>
      <Fact term="Private IP">{config.privateIpAddress ?? 'None'}</Fact>
      <Fact term="Public IP">{publicText}</Fact>
      {ip?.fqdn && <Fact term="DNS name">{ip.fqdn}</Fact>}
    </>
  );
}

const CACHING: Readonly<Record<string, string>> = {
  None: 'None',
  ReadOnly: 'Read-only',
  ReadWrite: 'Read/write',
};

/** One disk, as the portal's Disks blade sums it up: role (OS, or data with its LUN), size, type, host caching. */
function DiskFacts({ disk }: { readonly disk: DiskDetails }) {
  const styles = useStyles();
  const role =
    disk.role === 'os' ? 'OS disk' : `Data disk${disk.lun !== undefined ? `, LUN ${disk.lun}` : ''}`;
  return (
    <div className={styles.nic} data-disk={disk.name}>
      <Text weight="semibold" className={styles.value}>
        {disk.name}
      </Text>
      <dl className={styles.facts}>
        <Fact term="Role">{role}</Fact>
        <Fact term="Size">{disk.sizeGiB !== undefined ? `${disk.sizeGiB} GiB` : 'Unknown'}</Fact>
        <Fact term="Type">
          {disk.storageAccountType ? diskTypeLabel(disk.storageAccountType) : 'Unmanaged'}
        </Fact>
        {disk.caching && <Fact term="Host caching">{CACHING[disk.caching] ?? disk.caching}</Fact>}
      </dl>
    </div>
  );
}

/** The power state's badge, and since when (for a state that holds: not while it changes). */
function PowerStateFact({
  vm,
  details,
  operation,
}: {
  readonly vm: Vm;
  readonly details: VmDetails | undefined;
  readonly operation: Operation | undefined;
}) {
  const styles = useStyles();
  const now = useNow(60_000);
  const settled = operation?.status !== 'InProgress' && details?.vm.powerState === vm.powerState;
  const since = settled && details.powerStateSince ? sinceText(details.powerStateSince, now) : undefined;
  return (
    <span className={styles.stateValue}>
      <PowerStateBadge state={vm.powerState} />
      {since && (
        <Text data-testid="power-state-since" title={new Date(details!.powerStateSince!).toLocaleString()}>
          {since}
        </Text>
      )}
    </span>
  );
}

/** The portal's Connect blade: SSH, RDP and Azure Bastion, for whatever the panel cannot offer directly. */
function ConnectBladeLink({ href, children }: { readonly href: string; readonly children: ReactNode }) {
  return (
    <Link href={href} target="_blank" rel="noopener noreferrer" data-testid="portal-connect">
      {children} <Open16Regular aria-hidden />
    </Link>
  );
}

function Connect({ details, tenant }: { readonly details: VmDetails; readonly tenant: string | undefined }) {
  const styles = useStyles();
  const offer = connectOffer(details);
  const blade = portalConnectUrl(details.vm.id, tenant);
  if (offer.kind === 'ssh')
    return (
      <>
        <CopyValue value={offer.command} label="SSH command" />
        <ConnectBladeLink href={blade}>Other ways to connect (Bastion) in the Azure portal</ConnectBladeLink>
      </>
    );
  if (offer.kind === 'rdp')
    return (
      <>
        <div className={styles.copyRow}>
          <Text className={styles.grow}>{`Remote Desktop to ${offer.host}`}</Text>
          <Button
            size="small"
            icon={<ArrowDownload20Regular />}
            onClick={() => download(offer.fileName, offer.file, 'application/x-rdp')}
          >
            Download RDP file
          </Button>
        </div>
        <ConnectBladeLink href={blade}>Other ways to connect (Bastion) in the Azure portal</ConnectBladeLink>
      </>
    );
  return (
    <>
      <Text data-testid="connect-none">{offer.reason}</Text>
      <ConnectBladeLink href={blade}>
        {details.vm.powerState === 'running'
          ? 'Connect with Azure Bastion in the Azure portal'
          : 'Connect page in the Azure portal'}
      </ConnectBladeLink>
    </>
  );
}

/**
 * A VM's details, as the Azure portal's overview shows them: state, size, OS, where it runs, its addresses, how to
 * connect, its tags and resource id, and the portal link. What the user may not read (a NIC, a public IP) says so
 * in place; a failed load keeps what is shown and offers Retry.
 */
export function VmDetailsPanel(props: VmDetailsPanelProps) {
  const styles = useStyles();
  const { details, error, loading, tenant } = props;
  const vm = props.vm ?? details?.vm;
  const open = props.vmId !== undefined;
  const name = vm?.name ?? props.vmId?.split('/').at(-1) ?? '';
  const portal = portalUrl(vm?.id ?? props.vmId ?? '', tenant);
  const titleId = 'vmm-details-title';
  const item = vm ? { vm, ...(props.operation && { operation: props.operation }) } : undefined;
  const offered = item ? ACTIONS.filter((a) => rowAvailability(a.action, item).enabled) : [];

  return (
    <OverlayDrawer
      open={open}
      position="end"
      size={props.narrow ? 'full' : 'medium'}
      onOpenChange={(_e, data) => !data.open && props.onClose()}
      aria-labelledby={titleId}
      data-testid="vm-details"
    >
      <DrawerHeader className={styles.header}>
        <DrawerHeaderTitle
          id={titleId}
          className={styles.title}
          action={
            <Button
              appearance="subtle"
              aria-label="Close details"
              icon={<Dismiss24Regular />}
              onClick={props.onClose}
            />
          }
        >
          {name}
        </DrawerHeaderTitle>
        {vm && (
          <div className={styles.badges}>
            <PowerStateBadge state={vm.powerState} {...(props.operation && { operation: props.operation })} />
            {powerActionsOf(vm.actions).length === 0 && <ReadOnlyBadge />}
          </div>
        )}
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        {error && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody className={styles.value}>
              <MessageBarTitle>Couldn't load the details</MessageBarTitle>
              {`${error.message} (${error.displayCode})`}
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={props.onRetry}>Retry</Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {vm?.price && isStillBilled(vm) && (
          <MessageBar intent="warning" layout="multiline" data-testid="still-billed">
            <MessageBarBody>{stillBilledText(vm.price)}</MessageBarBody>
          </MessageBar>
        )}
        {offered.length > 0 && (
          <div className={styles.actions} role="group" aria-label={`Actions for ${name}`}>
            {offered.map((a) => (
              <Button key={a.action} onClick={() => props.onAction(a.action)}>
                {a.label}
              </Button>
            ))}
          </div>
        )}
        {vm && (
          <Section title="Overview">
            <dl className={styles.facts}>
              <Fact term="Power state">
                <PowerStateFact vm={vm} details={details} operation={props.operation} />
              </Fact>
              <Fact term="Provisioning state">{vm.provisioningState}</Fact>
              <Fact term="Size">{vm.size}</Fact>
              <Fact term="Price">
                {vm.price ? (
                  <span title={PRICE_NOTE} data-testid="price">
                    {`${perHourText(vm.price)} (${perMonthText(vm.price)}) · list price`}
                  </span>
                ) : (
                  'Unknown'
                )}
              </Fact>
              <Fact term="Operating system">
                {details?.osName
                  ? `${vm.osType} (${details.osName}${details.osVersion ? ` ${details.osVersion}` : ''})`
                  : vm.osType}
              </Fact>
              {details?.image && <Fact term="Image">{details.image}</Fact>}
              <Fact term="Location">
                {details && details.zones.length > 0
                  ? `${vm.location}, zone ${details.zones.join(', ')}`
                  : vm.location}
              </Fact>
              <Fact term="Resource group">{vm.resourceGroup}</Fact>
              <Fact term="Subscription">{vm.subscriptionName || vm.subscriptionId}</Fact>
              {details?.computerName && <Fact term="Computer name">{details.computerName}</Fact>}
              {details?.timeCreated && (
                <Fact term="Created">{new Date(details.timeCreated).toLocaleString()}</Fact>
              )}
            </dl>
          </Section>
        )}
        {vm && <AutoShutdownSection vm={vm} onSave={props.onSaveAutoShutdown} />}
        {loading && !details && <Spinner size="small" label="Loading network and connection details…" />}
        {details && (
          <Section title="Networking">
            {details.networkInterfaces.length === 0 ? (
              <Text className={styles.muted}>This VM has no network interfaces.</Text>
            ) : (
              details.networkInterfaces.map((nic) => <NicFacts key={nic.id} nic={nic} />)
            )}
          </Section>
        )}
        {details && (
          <Section title="Disks">
            {details.disks.length === 0 ? (
              <Text className={styles.muted}>Azure lists no disks for this VM.</Text>
            ) : (
              details.disks.map((disk) => <DiskFacts key={disk.name} disk={disk} />)
            )}
          </Section>
        )}
        {details && (
          <Section title="Connect">
            <Connect details={details} tenant={tenant} />
          </Section>
        )}
        {vm && Object.keys(vm.tags).length > 0 && (
          <Section title="Tags">
            <dl className={styles.facts}>
              {Object.entries(vm.tags).map(([key, value]) => (
                <Fact key={key} term={key}>
                  {value}
                </Fact>
              ))}
            </dl>
          </Section>
        )}
        {(vm || props.vmId) && (
          <Section title="Resource ID">
            <CopyValue value={vm?.id ?? props.vmId!} label="resource ID" />
          </Section>
        )}
        <Link href={portal} target="_blank" rel="noopener noreferrer">
          Open in Azure portal <Open16Regular aria-hidden />
        </Link>
      </DrawerBody>
    </OverlayDrawer>
  );
}
