import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { Person20Regular } from '@fluentui/react-icons';

const useStyles = makeStyles({
  root: {
    height: '100%',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    padding: tokens.spacingHorizontalXL,
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  card: {
    maxWidth: '460px',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalXXL,
    borderRadius: tokens.borderRadiusXLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow8,
  },
  body: { color: tokens.colorNeutralForeground2 },
});

export interface SignInPageProps {
  readonly onSignIn: () => void;
  /** Why the user is here again (e.g. the session ended). */
  readonly notice?: string;
}

/** Local mode outside Teams: sign in through the emulator's authorize page (authorization code + PKCE). */
export function SignInPage({ onSignIn, notice }: SignInPageProps) {
  const styles = useStyles();
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
          your organization account (local mode: a user of the emulator's directory).
        </Text>
        <Button appearance="primary" icon={<Person20Regular />} onClick={onSignIn}>
          Sign in
        </Button>
      </section>
    </main>
  );
}
