import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { ArrowClockwise20Regular, Person20Regular } from '@fluentui/react-icons';
import type { SignInFailure } from '../auth/sign-in-error.ts';

const useStyles = makeStyles({
  root: {
    height: '100%',
    minHeight: '100vh',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    padding: tokens.spacingHorizontalXL,
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  card: {
    maxWidth: '460px',
    width: '100%',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalXXL,
    borderRadius: tokens.borderRadiusXLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow8,
    boxSizing: 'border-box',
  },
  body: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  details: { color: tokens.colorNeutralForeground3 },
  summary: { cursor: 'pointer', color: tokens.colorNeutralForeground2 },
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: `${tokens.spacingVerticalS} 0 0`,
  },
  value: { margin: 0, fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

export interface SignInPageProps {
  readonly onSignIn: () => void;
  /** Why the user is here again (e.g. the session ended). */
  readonly notice?: string;
  /** The sign-in or consent failed: what happened, Try again, and Entra's details. */
  readonly failure?: SignInFailure;
}

/** Outside Teams: sign in (MSAL, or App Service authentication), or why the last attempt failed. */
export function SignInPage({ onSignIn, notice, failure }: SignInPageProps) {
  const styles = useStyles();
  if (failure) return <SignInFailurePage failure={failure} onRetry={onSignIn} />;
  return (
    <main className={styles.root}>
      <section className={styles.card} aria-labelledby="vmm-signin-title">
        <Text as="h1" size={600} weight="semibold" id="vmm-signin-title">
          VM Manager
        </Text>
        {notice && (
          <MessageBar intent="info">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
        <Text className={styles.body}>
          See and start or stop the Azure virtual machines your own Azure role assignments allow. Sign in with
          your organization account.
        </Text>
        <Button appearance="primary" icon={<Person20Regular />} onClick={onSignIn}>
          Sign in
        </Button>
      </section>
    </main>
  );
}

/** A failed sign-in or consent in plain words; the AADSTS code, trace and correlation ids under Details. */
export function SignInFailurePage({
  failure,
  onRetry,
}: {
  readonly failure: SignInFailure;
  readonly onRetry: () => void;
}) {
  const styles = useStyles();
  const rows: Array<[string, string | undefined]> = [
    ['Error code', failure.code],
    ['Error', failure.error],
    ['Trace ID', failure.traceId],
    ['Correlation ID', failure.correlationId],
    ['Timestamp', failure.timestamp],
  ];
  return (
    <main className={styles.root}>
      <section className={styles.card} role="alert" aria-labelledby="vmm-signin-error-title">
        <Text as="h1" size={600} weight="semibold" id="vmm-signin-error-title">
          {failure.title}
        </Text>
        <Text className={styles.body}>{failure.text}</Text>
        <div className={styles.actions}>
          <Button appearance="primary" icon={<ArrowClockwise20Regular />} onClick={onRetry}>
            Try again
          </Button>
        </div>
        <details className={styles.details}>
          <summary className={styles.summary}>Details</summary>
          <dl className={styles.list}>
            {rows
              .filter((row): row is [string, string] => row[1] !== undefined)
              .map(([label, value]) => (
                <div key={label} style={{ display: 'contents' }}>
                  <dt>{label}</dt>
                  <dd className={styles.value}>{value}</dd>
                </div>
              ))}
          </dl>
          <Text as="p" size={200} className={styles.value}>
            {failure.description}
          </Text>
        </details>
      </section>
    </main>
  );
}
