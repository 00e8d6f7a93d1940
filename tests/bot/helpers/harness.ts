import { startStack, type Stack, type StackOptions } from '../../support/stack.ts';
import { startTestConnector, type TestConnector } from './connector.ts';
import { TeamsClient } from './teams.ts';

/** The real service + emulator, a connector capturing the bot's replies, and a Teams-shaped client. */
export interface BotHarness {
  readonly stack: Stack;
  readonly connector: TestConnector;
  readonly teams: TeamsClient;
  close(): Promise<void>;
}

export async function startBotHarness(options: StackOptions = {}): Promise<BotHarness> {
  const connector = await startTestConnector();
  try {
    const stack = await startStack(options);
    const teams = await TeamsClient.create(stack, connector);
    return {
      stack,
      connector,
      teams,
      async close() {
        await stack.close();
        await connector.close();
      },
    };
  } catch (error) {
    await connector.close();
    throw error;
  }
}
