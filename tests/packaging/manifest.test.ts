import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { BOT_COMMANDS } from '../../bot/commands/catalog.ts';
import {
  commandListProblems,
  manifestSchemaErrors,
  placeholdersIn,
  resolvePlaceholders,
  type TeamsManifest,
} from '../../scripts/package-app.ts';
import { ACCENT_COLOR } from '../../appPackage/generate-icons.ts';
import { PROVISIONED_DEV, ROOT, declaredKeys, environment, readText, resolvedManifest } from './support.ts';

const SCHEMAS = join(ROOT, 'node_modules/@microsoft/app-manifest/build/json-schemas/teams');

/** "1.30" > "1.9": compare numerically. */
const byVersion = (a: string, b: string) => {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1! - b1! || a2! - b2!;
};

describe('Teams app manifest', () => {
  const local = resolvedManifest('local');
  const dev = resolvedManifest('dev', PROVISIONED_DEV);

  it('uses the newest released manifest schema shipped in @microsoft/app-manifest', () => {
    const released = readdirSync(SCHEMAS)
      .filter((d) => /^v\d+\.\d+$/.test(d))
      .map((d) => d.slice(1))
      .sort(byVersion);
    expect(local.manifestVersion).toBe(released.at(-1));
    expect(local.$schema).toBe(
      `https://developer.microsoft.com/en-us/json-schemas/teams/v${local.manifestVersion}/MicrosoftTeams.schema.json`,
    );
  });

  it.each([
    ['local', local],
    ['dev (as provisioned)', dev],
  ])('validates against the official schema after substitution: %s', (_name, manifest) => {
    expect(manifestSchemaErrors(manifest)).toEqual([]);
  });

  it('the schema check catches what Teams would reject', () => {
    const broken: Record<string, unknown> = {
      ...local,
      accentColor: 'blue',
      id: 'not-a-guid',
      staticTabs: [{ entityId: 'vms', contentUrl: 'ftp://x/', scopes: ['personal'] }],
    };
    const { developer: _developer, ...withoutDeveloper } = broken;
    const errors = manifestSchemaErrors(withoutDeveloper);
    expect(errors.join('\n')).toMatch(/developer/);
    expect(errors.join('\n')).toMatch(/\/accentColor/);
    expect(errors.join('\n')).toMatch(/\/id /);
    expect(errors.join('\n')).toMatch(/\/staticTabs\/0\/contentUrl/);
  });

  it('declares every placeholder it uses in both environment files', () => {
    const used = placeholdersIn(readText('appPackage/manifest.json'));
    expect(used.length).toBeGreaterThan(5);
    for (const env of ['local', 'dev']) {
      const declared = declaredKeys(env);
      expect(used.filter((name) => !declared.has(name))).toEqual([]);
    }
  });

  it('has a personal tab on the service root, next to the bot chat', () => {
    const [vms, chat] = dev.staticTabs as Array<Record<string, unknown>>;
    expect(vms).toMatchObject({
      entityId: 'vms',
      contentUrl: `${PROVISIONED_DEV.TAB_ENDPOINT}/`,
      websiteUrl: `${PROVISIONED_DEV.TAB_ENDPOINT}/`,
      scopes: ['personal'],
    });
    expect(chat).toEqual({ entityId: 'conversations', scopes: ['personal'] });
    // The tab's host, and the Bot Framework token service whose sign-in page Teams opens for the OAuth connection.
    expect(dev.validDomains).toEqual([PROVISIONED_DEV.TAB_DOMAIN, 'token.botframework.com']);
    expect(dev.accentColor).toBe(ACCENT_COLOR);
  });

  it('declares the bot in personal, team and group chat, without files', () => {
    const [bot] = dev.bots as Array<Record<string, unknown>>;
    expect(bot).toMatchObject({
      botId: PROVISIONED_DEV.BOT_ID,
      scopes: ['personal', 'team', 'groupChat'],
      supportsFiles: false,
      isNotificationOnly: false,
    });
  });

  it('lists exactly the bot’s commands (bot/commands/catalog.ts) for each scope', () => {
    const lists = dev.bots!.flatMap((b) => b.commandLists ?? []);
    expect(lists.map((l) => l.scopes)).toEqual([['personal'], ['team'], ['groupChat']]);
    for (const list of lists) {
      expect(list.commands).toEqual(BOT_COMMANDS.map(({ title, description }) => ({ title, description })));
    }
    expect(commandListProblems(dev)).toEqual([]);
  });

  it('reports a command list that drifted from the bot', () => {
    const drifted: TeamsManifest = {
      ...dev,
      bots: [{ commandLists: [{ scopes: ['personal'], commands: BOT_COMMANDS.slice(1) }] }],
    };
    expect(commandListProblems(drifted)).toEqual([
      'commandList for personal differs from bot/commands/catalog.ts',
      'no commandList for scope team',
      'no commandList for scope groupChat',
    ]);
  });

  it('shares one SSO registration between tab and bot', () => {
    expect(dev.webApplicationInfo).toEqual({
      id: PROVISIONED_DEV.AAD_APP_CLIENT_ID,
      resource: `api://${PROVISIONED_DEV.BOT_DOMAIN}/botid-${PROVISIONED_DEV.BOT_ID}`,
    });
  });
});

describe('placeholder substitution', () => {
  it('refuses unset and empty values, naming each one', () => {
    const template = '{"a":"${{ONE}}","b":"${{ TWO }}","c":"${{THREE}}","d":"${{ONE}}"}';
    expect(() => resolvePlaceholders(template, { ONE: 'x', TWO: '' }, 'env/.env.test')).toThrow(
      expect.objectContaining({ code: 'MissingPlaceholders', details: ['TWO', 'THREE'] }),
    );
    expect(() => resolvePlaceholders(template, { ONE: 'x', TWO: '' }, 'env/.env.test')).toThrow(
      /env\/\.env\.test/,
    );
  });

  it('allows an empty APP_NAME_SUFFIX, as Teams Toolkit does', () => {
    expect(resolvePlaceholders('{"n":"VM Manager${{APP_NAME_SUFFIX}}"}', { APP_NAME_SUFFIX: '' })).toBe(
      '{"n":"VM Manager"}',
    );
  });

  it('escapes values so they cannot break out of the JSON string', () => {
    const out = resolvePlaceholders('{"n":"${{NAME}}"}', { NAME: 'a"b\\c\n' });
    expect(JSON.parse(out)).toEqual({ n: 'a"b\\c\n' });
  });

  it('refuses values Teams Toolkit encrypted', () => {
    expect(() => resolvePlaceholders('{"s":"${{SECRET_X}}"}', { SECRET_X: 'crypto_abc' })).toThrow(
      expect.objectContaining({ code: 'EncryptedPlaceholders' }),
    );
  });

  it('lets the machine environment override the env file, but not with empty values', () => {
    expect(environment('local', { BOT_DOMAIN: 'example.org' }).BOT_DOMAIN).toBe('example.org');
    expect(environment('local', { BOT_DOMAIN: '' }).BOT_DOMAIN).toBe('localhost');
    expect(environment('local').TEAMSFX_ENV).toBe('local');
  });
});
