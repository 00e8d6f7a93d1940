import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components';
import type { SubscriptionError } from '../../../contract/vm.ts';
import type { ApiError } from '../api/errors.ts';
import type { ConsentState } from './useConsent.ts';

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

/** A failed load. `stale` = an older list is still shown below. */
export function ErrorBanner({
  error,
  stale,
  onRetry,
}: {
  readonly error: ApiError;
  readonly stale: boolean;
  readonly onRetry: () => void;
}) {
  const title = ERROR_TITLES[error.code] ?? "Couldn't load your VMs";
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {error.message}
        {stale && ' The list below may be out of date.'}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onRetry}>Retry</Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/** Some subscriptions failed to list; the others are shown. */
export function PartialBanner({
  errors,
  names,
}: {
  readonly errors: readonly SubscriptionError[];
  readonly names: ReadonlyMap<string, string>;
}) {
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>
          {errors.length === 1
            ? 'One subscription could not be listed'
            : `${errors.length} subscriptions could not be listed`}
        </MessageBarTitle>
        The VMs of the other subscriptions are shown.
        <ul
          aria-label="Subscriptions that could not be listed"
          style={{ margin: '4px 0 0', paddingLeft: 20 }}
        >
          {errors.map((e) => (
            <li key={e.subscriptionId}>
              <strong>{names.get(e.subscriptionId.toLowerCase()) ?? e.subscriptionId}</strong>: {e.message} (
              {e.armCode ?? e.code})
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
