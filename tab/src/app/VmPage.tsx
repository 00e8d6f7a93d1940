import {
  makeStyles,
  Spinner,
  Toast,
  ToastBody,
  Toaster,
  ToastTitle,
  tokens,
  useId,
  useToastController,
} from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import type { VmAction } from '../../../contract/vm.ts';
import type { ApiClient } from '../api/client.ts';
import { useVmDetails } from '../details/useVmDetails.ts';
import { ConfirmDialog } from '../grid/ConfirmDialog.tsx';
import { NoMatchState, NoVmsState } from '../grid/EmptyState.tsx';
import { EMPTY_FILTER, type VmFilter } from '../grid/filter.ts';
import { copyText } from '../details/clipboard.ts';
import { FilterBar } from '../grid/FilterBar.tsx';
import { OPTIONAL_COLUMNS } from '../grid/columns.tsx';
import { useColumnChoice } from '../grid/useColumnChoice.ts';
import { ViewControls } from '../grid/ViewControls.tsx';
import { VmGrid } from '../grid/VmGrid.tsx';
import { VmToolbar } from '../grid/VmToolbar.tsx';
import type { GridItem } from '../grid/grid-item.ts';
import { subscriptionNames } from '../hooks/list-merge.ts';
import { useMe } from '../hooks/useMe.ts';
import { useWidth } from '../hooks/useWidth.ts';
import type { AuthAdapter } from './auth-adapter.ts';
import type { BatchSummary } from './batch.ts';
import { ConsentBanner, ErrorBanner, SubscriptionsBanner } from './Banners.tsx';
import { BulkToast } from './BulkToast.tsx';
import { PageHeader } from './PageHeader.tsx';
import { runningNowText } from '../../../contract/cost.ts';
import { parseVmId } from '../../../contract/vm-id.ts';
import { useConsent } from './useConsent.ts';
import { useVmPage, type Notice } from './useVmPage.ts';
import { useViewState } from './useViewState.ts';
import type { ViewState } from './view-state.ts';

/**
 * The details panel (drawer, disks, connect, auto-shutdown dialog) is loaded the first time a VM is opened: the
 * grid's initial JS stays within its budget. Once loaded it stays mounted, so closing it animates.
 */
const VmDetailsPanel = lazy(() =>
  import('../details/VmDetailsPanel.tsx').then((m) => ({ default: m.VmDetailsPanel })),
);

const useStyles = makeStyles({
  root: {
    height: '100%',
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    minWidth: 0,
    '@media (max-width: 480px)': { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS}` },
  },
  loading: { padding: tokens.spacingVerticalXXXL },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

export interface VmPageProps {
  readonly api: ApiClient;
  readonly auth: AuthAdapter;
  /** List auto-refresh, ms (default 30 000). */
  readonly refreshMs?: number;
  /** Operation poll period, ms (default 2 000). */
  readonly pollMs?: number;
  /** The view a Teams deep link asked for (its `subPageId`): overrides the URL's. */
  readonly initialView?: string;
  /**
   * Shares a link to the view. Default: copies the page's own URL (which carries the view). In Teams: the host's
   * share dialog with a deep link. Resolves to what happened, for the confirmation toast.
   */
  readonly shareView?: (view: ViewState) => Promise<'copied' | 'shared' | 'failed'>;
}

/** Below this width the details panel takes the whole window. */
const NARROW_PX = 640;

/** Outside Teams the page's own URL carries the view: copy it. */
async function copyPageUrl(): Promise<'copied' | 'failed'> {
  return (await copyText(window.location.href)) ? 'copied' : 'failed';
}

/** The tab's page: header, banners, filters, toolbar, grid, details panel. */
export function VmPage({ api, auth, refreshMs, pollMs, initialView, shareView = copyPageUrl }: VmPageProps) {
  const styles = useStyles();
  const toasterId = useId('vmm-toaster');
  const { dispatchToast, updateToast } = useToastController(toasterId);
  // Batch toasts shown so far: the first summary dispatches one, later ones update it in place.
  const batchToasts = useRef(new Set<string>());
  const showBatch = useCallback(
    (id: string, summary: BatchSummary) => {
      const content = <BulkToast summary={summary} />;
      const timeout = summary.done ? (summary.intent === 'success' ? 8_000 : 20_000) : -1;
      const toastId = `vmm-${id}`;
      if (batchToasts.current.has(id)) {
        updateToast({ toastId, content, intent: summary.intent, timeout });
        return;
      }
      batchToasts.current.add(id);
      dispatchToast(content, { toastId, intent: summary.intent, timeout });
    },
    [dispatchToast, updateToast],
  );
  const notify = useCallback(
    (notice: Notice) =>
      dispatchToast(
        <Toast>
          <ToastTitle>{notice.title}</ToastTitle>
          {notice.body && <ToastBody>{notice.body}</ToastBody>}
        </Toast>,
        { intent: notice.intent, timeout: notice.intent === 'error' ? 12_000 : 5_000 },
      ),
    [dispatchToast],
  );
  const [view, setView] = useViewState(initialView);
  const setFilter = useCallback((filter: VmFilter) => setView({ filter }), [setView]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const toggleGroup = useCallback(
    (key: string) =>
      setCollapsed((previous) => {
        const next = new Set(previous);
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    [],
  );
  const page = useVmPage({
    api,
    filter: view.filter,
    notify,
    showBatch,
    ...(refreshMs !== undefined && { refreshMs }),
    ...(pollMs !== undefined && { pollMs }),
  });
  const { vms } = page;
  const me = useMe(api);
  const [hiddenColumns, setHiddenColumns] = useColumnChoice(me);
  const share = useCallback(() => {
    void shareView(view).then((outcome) => {
      if (outcome === 'copied') notify({ intent: 'success', title: 'Link to this view copied' });
      else if (outcome === 'failed')
        notify({ intent: 'error', title: "Couldn't copy the link", body: 'Copy it from the address bar.' });
    });
  }, [shareView, view, notify]);
  const consent = useConsent(auth, vms.refresh);
  // Names of every subscription seen so far: a subscription that fails now is still named as it was.
  const knownNames = useRef(new Map<string, string>());
  const names = useMemo(() => {
    for (const [id, name] of subscriptionNames(vms.vms, vms.errors)) knownNames.current.set(id, name);
    return new Map(knownNames.current);
  }, [vms.vms, vms.errors]);

  const openVmId = view.vm;
  const [panelWanted, setPanelWanted] = useState(openVmId !== undefined);
  if (openVmId !== undefined && !panelWanted) setPanelWanted(true);
  const setOpenVmId = useCallback((vm: string | undefined) => setView({ vm }), [setView]);
  const openItem = useMemo(
    () =>
      openVmId === undefined
        ? undefined
        : page.items.find((item) => item.vm.id.toLowerCase() === openVmId.toLowerCase()),
    [openVmId, page.items],
  );
  const details = useVmDetails(
    api,
    openVmId,
    openItem ? `${openItem.vm.powerState}|${openItem.vm.provisioningState}` : '',
  );
  const { ref: pageRef, width: pageWidth } = useWidth<HTMLElement>();
  const { requestAction } = page;
  const handlers = useMemo(
    () => ({
      onOpen: (item: GridItem) => setOpenVmId(item.vm.id),
      onAction: (action: VmAction, item: GridItem) => requestAction(action, [item]),
      ...(me?.tid && { tenant: me.tid }),
    }),
    [setOpenVmId, requestAction, me?.tid],
  );
  const panelItem: GridItem | undefined =
    openItem ?? (details.details ? { vm: details.details.vm } : undefined);

  const needsConsent = vms.error?.code === 'ConsentRequired';
  const hasList = vms.status === 'ready';
  const staleSince =
    vms.refreshFailed || vms.error
      ? vms.updatedAt
      : vms.staleSince.size > 0
        ? Math.min(...vms.staleSince.values())
        : undefined;

  let content;
  if (vms.status === 'loading')
    content = <Spinner className={styles.loading} label="Loading your virtual machines…" />;
  else if (!hasList) content = null;
  else if (vms.vms.length === 0) content = vms.errors.length === 0 ? <NoVmsState /> : null;
  else {
    content = (
      <>
        <FilterBar
          filter={page.filter}
          onChange={setFilter}
          subscriptions={page.subscriptions}
          shown={page.visible.length}
          total={vms.vms.length}
          {...(staleSince !== undefined && { staleSince })}
        >
          <ViewControls
            groupBy={view.groupBy}
            onGroupByChange={(groupBy) => setView({ groupBy })}
            columns={OPTIONAL_COLUMNS}
            hidden={hiddenColumns}
            onHiddenChange={setHiddenColumns}
            onShare={share}
          />
        </FilterBar>
        <VmToolbar
          selected={page.selectedItems}
          onAction={page.requestAction}
          onClearSelection={page.clearSelection}
        />
        {page.visible.length === 0 ? (
          <NoMatchState onClear={() => setFilter(EMPTY_FILTER)} />
        ) : (
          <VmGrid
            items={page.visible}
            selected={page.selected}
            onSelectionChange={page.setSelected}
            handlers={handlers}
            sort={view.sort}
            onSortChange={(sort) => setView({ sort })}
            hidden={hiddenColumns}
            groupBy={view.groupBy}
            collapsed={collapsed}
            onToggleGroup={toggleGroup}
          />
        )}
      </>
    );
  }

  return (
    <main className={styles.root} aria-busy={vms.status === 'loading'} ref={pageRef}>
      <PageHeader
        refreshing={vms.refreshing}
        onRefresh={vms.refresh}
        refreshFailed={vms.refreshFailed}
        {...(vms.updatedAt !== undefined && { updatedAt: vms.updatedAt })}
        {...(me && { user: me })}
        {...(auth.signOut && { onSignOut: auth.signOut })}
        runningCost={runningNowText(vms.vms)}
      />
      {needsConsent && <ConsentBanner consent={consent} />}
      {vms.error && !needsConsent && (
        <ErrorBanner
          error={vms.error}
          onRetry={vms.refresh}
          {...(hasList && vms.updatedAt !== undefined && { staleSince: vms.updatedAt })}
        />
      )}
      {hasList && !vms.error && vms.errors.length > 0 && (
        <SubscriptionsBanner
          errors={vms.errors}
          names={names}
          refreshFailed={vms.refreshFailed}
          staleSince={vms.staleSince}
          onRetry={vms.refresh}
          {...(vms.updatedAt !== undefined && { updatedAt: vms.updatedAt })}
        />
      )}
      {content}
      <ConfirmDialog request={page.confirming} onConfirm={page.confirm} onCancel={page.cancelConfirm} />
      {panelWanted && (
        <Suspense fallback={null}>
          <VmDetailsPanel
            vmId={openVmId}
            {...(panelItem && { vm: panelItem.vm })}
            {...(panelItem?.operation && { operation: panelItem.operation })}
            {...(details.details && { details: details.details })}
            {...(details.error && { error: details.error })}
            loading={details.loading}
            onRetry={details.retry}
            onClose={() => setOpenVmId(undefined)}
            {...(me?.tid && { tenant: me.tid })}
            narrow={pageWidth < NARROW_PX}
            onAction={(action) => panelItem && requestAction(action, [panelItem])}
            onSaveAutoShutdown={async (value) => {
              const ref = openVmId ? parseVmId(openVmId) : undefined;
              if (!ref) return;
              if (value) await api.setAutoShutdown(ref, value);
              else await api.removeAutoShutdown(ref);
              vms.refresh();
              details.retry();
            }}
          />
        </Suspense>
      )}
      <div role="status" aria-live="polite" className={styles.visuallyHidden}>
        {page.announcement}
      </div>
      <Toaster toasterId={toasterId} position="bottom-end" pauseOnHover pauseOnWindowBlur />
    </main>
  );
}
