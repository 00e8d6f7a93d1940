import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import type { SubscriptionError } from '../../../contract/vm.ts';
import type { ApiError } from '../api/errors.ts';
import { formatClock } from '../hooks/useNow.ts';
import type { ConsentState } from './useConsent.ts';

const useStyles = makeStyles({
  bar: { minWidth: 0 },
  /** ARM's messages carry long ids and scopes: let them wrap anywhere rather than widen the page. */
  body: { overflowWrap: 'anywhere', minWidth: 0 },
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
});

/** The service needs the user's consent before it can call Azure on their behalf. */
export function ConsentBanner({ consent }: { readonly consent: ConsentState }) {
  return (
    <MessageBar intent="warning" layout="multiline" aria-live="polite">
      <MessageBarBody>
        <MessageBarTitle>Permission needed</MessageBarTitle>
        To list and manage your VMs, this app needs your permission to access Azure Resource Manager as you.
        It can only do what your own Azure role assignments allow.
        {consent.error && <div role="alert">{consent.error.message}</div>}
      </MessageBarBody>
      <MessageBarActions>
        <Button
          appearance="primary"
          onClick={consent.grant}
          disabled={consent.granting}
          icon={consent.granting ? <Spinner size="tiny" /> : undefined}
        >
          {consent.granting ? 'Waiting for consent…' : 'Grant consent'}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

const ERROR_TITLES: Record<string, string> = {
  NetworkError: "Can't reach the service",
  AzureUnavailable: 'Azure is unavailable',
  EntraUnavailable: 'Sign-in service unavailable',
  TooManyRequests: 'Too many requests',
  TeamsAuthFailed: "Teams couldn't sign you in",
  InvalidToken: 'Your sign-in is no longer valid',
};

/** A failed load. `staleSince` = an older list (of that time) is still shown below. */
export function ErrorBanner({
  error,
  staleSince,
  onRetry,
}: {
  readonly error: ApiError;
  readonly staleSince?: number;
  readonly onRetry: () => void;
}) {
  const styles = useStyles();
  const title = ERROR_TITLES[error.code] ?? "Couldn't load your VMs";
  return (
    <MessageBar intent="error" layout="multiline" role="alert" className={styles.bar}>
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>{title}</MessageBarTitle>
        {error.message}
        {staleSince !== undefined &&
          ` The list below is from ${formatClock(staleSince)} and may be out of date.`}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onRetry}>Retry</Button>
      </MessageBarActions>
    </MessageBar>
  );
}

export interface SubscriptionsBannerProps {
  readonly errors: readonly SubscriptionError[];
  /** Display names by lower-cased subscription id (from the errors and the VMs listed so far). */
  readonly names: ReadonlyMap<string, string>;
  /** The last refresh listed no subscription at all. */
  readonly refreshFailed: boolean;
  /** Subscriptions whose VMs are shown from an earlier listing, and since when. */
  readonly staleSince: ReadonlyMap<string, number>;
  /** When the list shown was last updated (for the "showing the list from" line). */
  readonly updatedAt?: number;
  readonly onRetry: () => void;
}

/**
 * Subscriptions Azure did not list. It counts and names them (display names when known), says which VMs are shown
 * from an earlier listing and from when, and offers Retry. When none could be listed it says so — not "the VMs of
 * the other subscriptions are shown", which would be false.
 */
export function SubscriptionsBanner({
  errors,
  names,
  refreshFailed,
  staleSince,
  updatedAt,
  onRetry,
}: SubscriptionsBannerProps) {
  const styles = useStyles();
  const nameOf = (id: string) => names.get(id.toLowerCase()) ?? id;
  const n = errors.length;
  const title = refreshFailed
    ? n === 1
      ? 'Your subscription could not be listed'
      : `None of your ${n} subscriptions could be listed`
    : n === 1
      ? 'One subscription could not be listed'
      : `${n} subscriptions could not be listed`;
  const staleIds = errors.map((e) => e.subscriptionId.toLowerCase()).filter((id) => staleSince.has(id));
  const oldest = staleIds.length > 0 ? Math.min(...staleIds.map((id) => staleSince.get(id)!)) : undefined;
  let summary: string;
  if (refreshFailed)
    summary =
      oldest !== undefined
        ? `Azure did not answer. The list below is from ${formatClock(oldest)} and may be out of date.`
        : 'Azure did not answer, so no VM can be shown yet.';
  else
    summary =
      oldest !== undefined
        ? `The other subscriptions are up to date. The VMs of ${staleIds.map(nameOf).join(', ')} are from ${formatClock(oldest)} and may be out of date.`
        : 'The VMs of the other subscriptions are shown.';
  return (
    <MessageBar
      intent={refreshFailed ? 'error' : 'warning'}
      layout="multiline"
      className={styles.bar}
      data-testid="subscriptions-banner"
      {...(updatedAt !== undefined && { 'data-updated-at': updatedAt })}
    >
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>{title}</MessageBarTitle>
        {summary}
        <ul aria-label="Subscriptions that could not be listed" className={styles.list}>
          {errors.map((e) => (
            <li key={e.subscriptionId}>
              <strong>{nameOf(e.subscriptionId)}</strong>: {e.message} ({e.armCode ?? e.code})
            </li>
          ))}
        </ul>
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onRetry}>Retry</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
