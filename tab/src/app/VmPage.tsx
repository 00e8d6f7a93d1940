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
import { useCallback, useMemo } from 'react';
import type { ApiClient } from '../api/client.ts';
import { ConfirmDialog } from '../grid/ConfirmDialog.tsx';
import { NoMatchState, NoVmsState } from '../grid/EmptyState.tsx';
import { EMPTY_FILTER } from '../grid/filter.ts';
import { FilterBar } from '../grid/FilterBar.tsx';
import { VmGrid } from '../grid/VmGrid.tsx';
import { VmToolbar } from '../grid/VmToolbar.tsx';
import { useMe } from '../hooks/useMe.ts';
import type { AuthAdapter } from './auth-adapter.ts';
import { ConsentBanner, ErrorBanner, PartialBanner } from './Banners.tsx';
import { PageHeader } from './PageHeader.tsx';
import { useConsent } from './useConsent.ts';
import { useVmPage, type Notice } from './useVmPage.ts';

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
}

/** The tab's page: header, banners, filters, toolbar, grid. */
export function VmPage({ api, auth, refreshMs, pollMs }: VmPageProps) {
  const styles = useStyles();
  const toasterId = useId('vmm-toaster');
  const { dispatchToast } = useToastController(toasterId);
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
  const page = useVmPage({
    api,
    notify,
    ...(refreshMs !== undefined && { refreshMs }),
    ...(pollMs !== undefined && { pollMs }),
  });
  const { vms } = page;
  const me = useMe(api);
  const consent = useConsent(auth, vms.refresh);
  const subscriptionNames = useMemo(
    () => new Map(page.subscriptions.map((s) => [s.id.toLowerCase(), s.name])),
    [page.subscriptions],
  );

  const needsConsent = vms.error?.code === 'ConsentRequired';
  const hasList = vms.status === 'ready';

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
          onChange={page.setFilter}
          subscriptions={page.subscriptions}
          shown={page.visible.length}
          total={vms.vms.length}
        />
        <VmToolbar
          selected={page.selectedItems}
          onAction={page.requestAction}
          onClearSelection={page.clearSelection}
        />
        {page.visible.length === 0 ? (
          <NoMatchState onClear={() => page.setFilter(EMPTY_FILTER)} />
        ) : (
          <VmGrid items={page.visible} selected={page.selected} onSelectionChange={page.setSelected} />
        )}
      </>
    );
  }

  return (
    <main className={styles.root} aria-busy={vms.status === 'loading'}>
      <PageHeader
        refreshing={vms.refreshing}
        onRefresh={vms.refresh}
        {...(vms.updatedAt !== undefined && { updatedAt: vms.updatedAt })}
        {...(me && { user: me })}
        {...(auth.signOut && { onSignOut: auth.signOut })}
      />
      {needsConsent && <ConsentBanner consent={consent} />}
      {vms.error && !needsConsent && <ErrorBanner error={vms.error} stale={hasList} onRetry={vms.refresh} />}
      {hasList && vms.errors.length > 0 && <PartialBanner errors={vms.errors} names={subscriptionNames} />}
      {content}
      <ConfirmDialog
        action={page.confirming}
        vmNames={page.selectedItems.map((i) => i.vm.name)}
        onConfirm={page.confirm}
        onCancel={page.cancelConfirm}
      />
      <div role="status" aria-live="polite" className={styles.visuallyHidden}>
        {page.announcement}
      </div>
      <Toaster toasterId={toasterId} position="bottom-end" pauseOnHover pauseOnWindowBlur />
    </main>
  );
}
