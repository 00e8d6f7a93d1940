import { Button, makeStyles, Spinner, Text, Tooltip, tokens } from '@fluentui/react-components';
import { ArrowClockwise20Regular, PersonCircle24Regular, SignOut20Regular } from '@fluentui/react-icons';
import { formatAgo, formatClock, useNow } from '../hooks/useNow.ts';
import { PRICE_NOTE } from '../../../contract/cost.ts';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    flexWrap: 'wrap',
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { margin: 0, flex: '1 1 auto' },
  updated: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground2,
  },
  user: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  identity: {
    display: 'flex',
    flexDirection: 'column',
    lineHeight: tokens.lineHeightBase200,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  upn: { color: tokens.colorNeutralForeground3 },
  signOut: { whiteSpace: 'nowrap', flexShrink: 0 },
});

export interface PageHeaderProps {
  readonly updatedAt?: number;
  /** The last refresh listed nothing: never "Updated just now" then. */
  readonly refreshFailed?: boolean;
  readonly refreshing: boolean;
  readonly onRefresh: () => void;
  readonly user?: { readonly name: string; readonly upn: string };
  readonly onSignOut?: () => void;
  /** "Running now ≈ $1.23/h" (list prices), when prices are known. */
  readonly runningCost?: string | undefined;
}

/** "Updated 12 s ago"; after a failed refresh, when the list shown is from. Pure. */
export function updatedText(
  now: number,
  state: Pick<PageHeaderProps, 'updatedAt' | 'refreshFailed' | 'refreshing'>,
): string {
  if (state.updatedAt === undefined) return state.refreshing ? 'Loading…' : 'Not loaded';
  if (state.refreshFailed) return `Couldn't refresh · list from ${formatClock(state.updatedAt)}`;
  return `Updated ${formatAgo(now - state.updatedAt)}`;
}

export function PageHeader({
  updatedAt,
  refreshFailed = false,
  refreshing,
  onRefresh,
  user,
  onSignOut,
  runningCost,
}: PageHeaderProps) {
  const styles = useStyles();
  const now = useNow(1_000);
  return (
    <header className={styles.root}>
      <Text as="h1" size={600} weight="semibold" className={styles.title}>
        Virtual machines
      </Text>
      {runningCost && (
        <Tooltip content={PRICE_NOTE} relationship="description">
          <Text weight="semibold" data-testid="running-cost">
            {runningCost}
          </Text>
        </Tooltip>
      )}
      <div className={styles.updated}>
        <Text data-testid="updated" data-stale={refreshFailed || undefined}>
          {updatedText(now, { refreshing, refreshFailed, ...(updatedAt !== undefined && { updatedAt }) })}
        </Text>
        <Tooltip content="Refresh the list" relationship="label">
          <Button
            appearance="subtle"
            icon={refreshing ? <Spinner size="tiny" /> : <ArrowClockwise20Regular />}
            onClick={onRefresh}
            aria-busy={refreshing}
            aria-label="Refresh"
          />
        </Tooltip>
      </div>
      {user && (
        <div className={styles.user} aria-label="Signed in user" role="group">
          <PersonCircle24Regular aria-hidden />
          <div className={styles.identity}>
            <Text weight="semibold" data-testid="user-name">
              {user.name}
            </Text>
            <Text size={200} className={styles.upn}>
              {user.upn}
            </Text>
          </div>
          {onSignOut && (
            <Button
              appearance="subtle"
              icon={<SignOut20Regular />}
              onClick={onSignOut}
              className={styles.signOut}
            >
              Sign out
            </Button>
          )}
        </div>
      )}
    </header>
  );
}
