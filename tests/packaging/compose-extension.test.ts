import { describe, expect, it } from '@jest/globals';
import { PORTAL_HOST } from '../../bot/app/compose/portal-link.ts';
import { SEARCH_QUERY_PARAMETER, SEARCH_VMS_COMMAND } from '../../bot/app/compose/message-extension.ts';
import { manifestSchemaErrors } from '../../scripts/package-app.ts';
import { PROVISIONED_DEV, resolvedManifest } from './support.ts';

interface ComposeExtension {
  botId: string;
  composeExtensionType?: string;
  commands: Array<{
    id: string;
    type: string;
    context?: string[];
    initialRun?: boolean;
    parameters: Array<{ name: string; title: string; inputType?: string }>;
  }>;
  messageHandlers?: Array<{
    type: string;
    value: { domains: string[]; supportsAnonymizedPayloads?: boolean };
  }>;
}

describe('Teams app manifest: message extension and link unfurling', () => {
  const manifest = resolvedManifest('dev', PROVISIONED_DEV) as unknown as {
    composeExtensions?: ComposeExtension[];
    validDomains?: string[];
  };
  const [extension, ...others] = manifest.composeExtensions ?? [];

  it('declares one bot-based extension on the bot, with the searchVms query command the bot answers', () => {
    expect(others).toEqual([]);
    expect(extension).toMatchObject({ botId: PROVISIONED_DEV.BOT_ID, composeExtensionType: 'botBased' });
    expect(extension!.commands).toHaveLength(1);
    const [command] = extension!.commands;
    expect(command).toMatchObject({ id: SEARCH_VMS_COMMAND, type: 'query', initialRun: true });
    expect(command!.context).toEqual(expect.arrayContaining(['compose', 'commandBox']));
    expect(command!.parameters.map((p) => p.name)).toEqual([SEARCH_QUERY_PARAMETER]);
  });

  it('unfurls links of the Azure portal only, not anonymously (the card is read as the signed-in user)', () => {
    expect(extension!.messageHandlers).toEqual([
      { type: 'link', value: { domains: [PORTAL_HOST], supportsAnonymizedPayloads: false } },
    ]);
  });

  it('is valid against the official schema, and validDomains lists the token service’s sign-in page', () => {
    expect(manifestSchemaErrors(manifest)).toEqual([]);
    expect(manifest.validDomains).toContain('token.botframework.com');
    // A look at the rules the schema encodes: an extension command without parameters fails.
    const broken = {
      ...manifest,
      composeExtensions: [{ ...extension, commands: [{ ...extension!.commands[0], parameters: [] }] }],
    };
    expect(manifestSchemaErrors(broken).join('\n')).toMatch(/composeExtensions\/0\/commands\/0\/parameters/);
  });
});
