import { actionSet, adaptiveCard, heading, text, type AdaptiveCard, type CardAction } from './adaptive.ts';
import { execute } from './intents.ts';

export interface GroupSignInInput {
  /** The bot's Teams app id (MicrosoftAppId): links to the one-on-one chat with it. Absent locally. */
  readonly botAppId?: string;
}

/**
 * Sign-in in group chats and channels. Teams offers bot SSO (token exchange) only one-on-one; an
 * OAuthCard with `tokenExchangeResource` elsewhere shows a sign-in button that never delivers a
 * token to the bot, and the user loops. A Universal Action, by contrast, gets SSO everywhere: the
 * click arrives without a token, the bot answers `loginRequest`, and Teams sends it again with the
 * clicker's token. Plus a way to the one-on-one chat, where sign-in is silent.
 */
export function groupSignInCard(input: GroupSignInInput = {}): AdaptiveCard {
  const signIn = execute('Sign in and continue', { verb: 'bot.signIn' }, { style: 'positive' });
  // One button per row: side by side the two run past a 320 px card's edge.
  const alternatives: CardAction[] = [];
  if (input.botAppId) {
    alternatives.push({
      type: 'Action.OpenUrl',
      title: 'Chat with me one-on-one',
      url: `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(input.botAppId)}`,
    });
  }
  return adaptiveCard(
    [
      heading('Sign in to manage your VMs'),
      text(
        'I act with your own Azure access, so I need you to sign in once. Your request runs as soon as you do.',
      ),
      actionSet([signIn]),
      ...(alternatives.length > 0 ? [actionSet(alternatives, { spacing: 'Small' })] : []),
    ],
    { fallbackText: 'Sign in to manage your VMs.' },
  );
}

/** The answer to the sign-in click once Teams gave the clicker's token. */
export function signedInCard(name: string): AdaptiveCard {
  return adaptiveCard([
    heading('Signed in'),
    text(`Thanks, ${name}. Working on your request…`, { isSubtle: true }),
  ]);
}
