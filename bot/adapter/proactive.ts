import type { CloudAdapter } from 'botbuilder';
import type { ConversationHandle, ProactivePort } from '../app/turn.ts';
import { conversationPort, type ReferenceHandle } from './turn-port.ts';

/** Continues conversations through the adapter (stored conversation reference, bot's own identity). */
export function createProactivePort(adapter: CloudAdapter, appId: string | undefined): ProactivePort {
  return {
    async continue(handle, work) {
      await adapter.continueConversationAsync(appId ?? '', referenceOf(handle), async (context) => {
        await work(conversationPort(context));
      });
    },
  };
}

function referenceOf(handle: ConversationHandle) {
  const reference = (handle as Partial<ReferenceHandle>).reference;
  if (!reference) throw new TypeError('Conversation handle was not created by the Bot Framework adapter.');
  return reference;
}
