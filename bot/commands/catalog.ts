/** A bot command as the Teams manifest lists it (`bots[].commandLists[].commands[]`). */
export interface BotCommand {
  /** The command word users type; manifest limit 32 characters. */
  readonly title: string;
  /** Manifest limit 128 characters. */
  readonly description: string;
}

/**
 * The bot's commands. The Teams manifest's `commandLists` must equal this list (the packaging
 * script imports it), and the bot routes and documents exactly these.
 */
export const BOT_COMMANDS: readonly BotCommand[] = [
  { title: 'help', description: 'Show what I can do' },
  {
    title: 'list',
    description: 'List your VMs; add text to filter by name, resource group, subscription or state',
  },
  { title: 'status', description: 'Show one VM and its actions, e.g. status web-01' },
  { title: 'start', description: 'Start a VM, e.g. start web-02' },
  { title: 'stop', description: 'Stop (deallocate) a VM: compute billing stops' },
  { title: 'poweroff', description: 'Power off a VM without deallocating it: it keeps billing' },
  { title: 'restart', description: 'Restart a VM' },
  {
    title: 'autoshutdown',
    description: "See or set a VM's daily auto-shutdown, e.g. autoshutdown web-02 19:00 (or off)",
  },
];
