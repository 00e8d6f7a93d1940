/**
 * `npm run package -- --env <name>`: builds the Teams app package for an environment, the way Teams Toolkit's
 * teamsApp/zipAppPackage does, but offline and with stricter checks:
 *
 *   1. reads env/.env.<name> and env/.env.<name>.user (process environment variables win, as in the toolkit);
 *   2. substitutes the `${{NAME}}` placeholders of appPackage/manifest.json; refuses when one is unset or empty
 *      (APP_NAME_SUFFIX may be empty) and names the file to edit;
 *   3. validates the result against the official JSON schema of its manifestVersion (@microsoft/app-manifest);
 *   4. checks the icons (colour 192×192, outline 32×32 white on transparent) and that the bot's commandLists equal
 *      the bot's real commands (bot/commands/catalog.ts);
 *   5. writes build/appPackage/appPackage.<name>.zip (manifest.json + icons) and the resolved manifest beside it.
 *
 * Exit codes: 0 packaged, 1 the package would be wrong (message says why), 2 bad command line.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, parseEnv } from 'node:util';
import AjvDraft04 from 'ajv-draft-04';
import JSZip from 'jszip';
import pngjs from 'pngjs';
import { BOT_COMMANDS } from '../bot/commands/catalog.ts';
import { isEntryModule } from '../infra/scripts/entry.ts';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export type PackageErrorCode =
  | 'UnknownEnvironment'
  | 'MissingPlaceholders'
  | 'EncryptedPlaceholders'
  | 'InvalidJson'
  | 'UnsupportedManifestVersion'
  | 'InvalidManifest'
  | 'InvalidIcon'
  | 'CommandsOutOfSync';

/** Why a package cannot be built. `details` lists each problem (placeholder names, schema errors, …). */
export class PackageError extends Error {
  readonly code: PackageErrorCode;
  readonly details: readonly string[];

  constructor(code: PackageErrorCode, message: string, details: readonly string[] = []) {
    super(details.length > 0 ? `${message}\n${details.map((d) => `  - ${d}`).join('\n')}` : message);
    this.name = 'PackageError';
    this.code = code;
    this.details = details;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Environment files and placeholders (pure)

/** `${{NAME}}`, optionally with spaces inside the braces, as Teams Toolkit writes them. */
const PLACEHOLDER = /\$\{\{ *([A-Za-z_][A-Za-z0-9_]*) *\}\}/g;
/** Variables Teams Toolkit allows to be empty. */
const MAY_BE_EMPTY = new Set(['APP_NAME_SUFFIX']);

export interface EnvironmentSources {
  /** Contents of env/.env.<name>. */
  readonly envFile: string;
  /** Contents of env/.env.<name>.user, when it exists. */
  readonly userFile?: string;
  /** The process environment: a non-empty value here wins over both files. */
  readonly processEnv?: Readonly<Record<string, string | undefined>>;
}

/**
 * Merges an environment's variables with Teams Toolkit's precedence: process environment, then .env.<name>, then
 * .env.<name>.user; a value counts only when non-empty. TEAMSFX_ENV is always the environment's name.
 */
export function mergeEnvironment(name: string, sources: EnvironmentSources): Record<string, string> {
  const layers = [
    sources.processEnv ?? {},
    parseEnv(sources.envFile),
    sources.userFile ? parseEnv(sources.userFile) : {},
  ];
  const merged: Record<string, string> = {};
  for (const layer of layers.reverse()) {
    for (const [key, value] of Object.entries(layer)) {
      if (value !== undefined && (value !== '' || !(key in merged))) merged[key] = value;
    }
  }
  merged.TEAMSFX_ENV = name;
  return merged;
}

/** The distinct placeholder names in a template, in order of appearance. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * Substitutes every placeholder of a JSON template with its JSON-escaped value. Throws MissingPlaceholders
 * naming every unset one, or EncryptedPlaceholders for values the toolkit encrypted (`crypto_…`).
 */
export function resolvePlaceholders(
  template: string,
  vars: Readonly<Record<string, string>>,
  where = 'the environment',
): string {
  const names = placeholdersIn(template);
  const missing = names.filter((n) => vars[n] === undefined || (vars[n] === '' && !MAY_BE_EMPTY.has(n)));
  if (missing.length > 0) {
    throw new PackageError(
      'MissingPlaceholders',
      `These placeholders have no value; set them in ${where} (or provision the environment first):`,
      missing,
    );
  }
  const encrypted = names.filter((n) => vars[n]!.startsWith('crypto_'));
  if (encrypted.length > 0) {
    throw new PackageError(
      'EncryptedPlaceholders',
      'These values are encrypted by Teams Toolkit; package with `teamsapp package` or set them as environment variables:',
      encrypted,
    );
  }
  return template.replace(PLACEHOLDER, (_, name: string) => JSON.stringify(vars[name]).slice(1, -1));
}

// ---------------------------------------------------------------------------------------------------------------
// Manifest checks

/** The Teams manifest fields this script reads. */
export interface TeamsManifest {
  readonly manifestVersion: string;
  readonly icons: { readonly color: string; readonly outline: string };
  readonly bots?: ReadonlyArray<{
    readonly commandLists?: ReadonlyArray<{
      readonly scopes: readonly string[];
      readonly commands: ReadonlyArray<{ readonly title: string; readonly description?: string }>;
    }>;
  }>;
  readonly [key: string]: unknown;
}

/** Path of the official schema for a manifest version, as shipped in @microsoft/app-manifest. */
export function schemaPathFor(manifestVersion: string, root = ROOT): string {
  return join(
    root,
    'node_modules/@microsoft/app-manifest/build/json-schemas/teams',
    `v${manifestVersion}`,
    'MicrosoftTeams.schema.json',
  );
}

/** Schema errors (empty when valid) of a manifest against the official schema of its version. */
export function manifestSchemaErrors(manifest: unknown, root = ROOT): string[] {
  const version = (manifest as { manifestVersion?: unknown } | null)?.manifestVersion;
  const path = typeof version === 'string' ? schemaPathFor(version, root) : '';
  if (!path || !existsSync(path)) {
    throw new PackageError(
      'UnsupportedManifestVersion',
      `No official schema for manifestVersion ${JSON.stringify(version)}.`,
    );
  }
  // ajv-draft-04 is CommonJS: its class is both the module and its `default` export.
  const ajv = new AjvDraft04.default({
    allErrors: true,
    strictTypes: false,
    // The same formats Teams Toolkit checks.
    formats: {
      uri: (v: string) => URL.canParse(v),
      email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
      regex: (v: string) => {
        try {
          new RegExp(v);
          return true;
        } catch {
          return false;
        }
      },
    },
  });
  const validate = ajv.compile(JSON.parse(readFileSync(path, 'utf8')) as object);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`,
  );
}

export const ICON_RULES = {
  color: { width: 192, height: 192 },
  outline: { width: 32, height: 32 },
} as const;

/** Problems (empty when fine) with an icon: PNG, exact size, and for the outline only white or transparent pixels. */
export function iconProblems(kind: keyof typeof ICON_RULES, bytes: Buffer): string[] {
  let png: pngjs.PNG;
  try {
    png = pngjs.PNG.sync.read(bytes);
  } catch (error) {
    return [`${kind} icon is not a PNG (${error instanceof Error ? error.message : String(error)})`];
  }
  const { width, height } = ICON_RULES[kind];
  if (png.width !== width || png.height !== height) {
    return [`${kind} icon must be ${width}×${height}, is ${png.width}×${png.height}`];
  }
  if (kind === 'outline') {
    let offending = 0;
    let opaque = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b, a] = [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
      if (a === 0) continue;
      opaque++;
      if (r !== 255 || g !== 255 || b !== 255) offending++;
    }
    if (offending > 0)
      return [`outline icon has ${offending} pixels that are neither white nor fully transparent`];
    if (opaque === 0) return ['outline icon is empty'];
    if (opaque === png.width * png.height) return ['outline icon has no transparent background'];
  }
  return [];
}

/** Differences (empty when equal) between every commandList of the manifest's bot and the bot's commands. */
export function commandListProblems(
  manifest: TeamsManifest,
  commands: ReadonlyArray<{ readonly title: string; readonly description: string }> = BOT_COMMANDS,
): string[] {
  const problems: string[] = [];
  const lists = manifest.bots?.flatMap((b) => b.commandLists ?? []) ?? [];
  const expected = JSON.stringify(commands.map((c) => ({ title: c.title, description: c.description })));
  for (const scope of ['personal', 'team', 'groupChat']) {
    const list = lists.find((l) => l.scopes.includes(scope));
    if (!list) {
      problems.push(`no commandList for scope ${scope}`);
      continue;
    }
    const actual = JSON.stringify(list.commands.map((c) => ({ title: c.title, description: c.description })));
    if (actual !== expected) problems.push(`commandList for ${scope} differs from bot/commands/catalog.ts`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Packaging (I/O)

export interface PackageOptions {
  /** Environment name: reads env/.env.<env>. */
  readonly env: string;
  /** Project root. Default: this repository. */
  readonly root?: string;
  /** Where the zip goes. Default `<root>/build/appPackage`. */
  readonly outDir?: string;
  /** Default `process.env`. */
  readonly processEnv?: Readonly<Record<string, string | undefined>>;
}

export interface PackageResult {
  readonly zipPath: string;
  readonly manifestPath: string;
  readonly manifest: TeamsManifest;
  readonly files: readonly string[];
}

/** Fixed entry dates make the zip reproducible: the same inputs give the same bytes. */
const ZIP_DATE = new Date('2000-01-01T00:00:00Z');

export async function packageApp(options: PackageOptions): Promise<PackageResult> {
  const root = options.root ?? ROOT;
  const envDir = join(root, 'env');
  const envPath = join(envDir, `.env.${options.env}`);
  if (!/^[A-Za-z0-9_-]+$/.test(options.env) || !existsSync(envPath)) {
    throw new PackageError(
      'UnknownEnvironment',
      `No environment "${options.env}": ${relative(root, envPath)} does not exist.`,
    );
  }
  const userPath = `${envPath}.user`;
  const vars = mergeEnvironment(options.env, {
    envFile: readFileSync(envPath, 'utf8'),
    ...(existsSync(userPath) ? { userFile: readFileSync(userPath, 'utf8') } : {}),
    processEnv: options.processEnv ?? process.env,
  });

  const appPackageDir = join(root, 'appPackage');
  const resolved = resolvePlaceholders(
    readFileSync(join(appPackageDir, 'manifest.json'), 'utf8'),
    vars,
    relative(root, envPath),
  );
  let manifest: TeamsManifest;
  try {
    manifest = JSON.parse(resolved) as TeamsManifest;
  } catch (error) {
    throw new PackageError(
      'InvalidJson',
      `appPackage/manifest.json is not valid JSON: ${(error as Error).message}`,
    );
  }

  const schemaErrors = manifestSchemaErrors(manifest, root);
  if (schemaErrors.length > 0) {
    throw new PackageError(
      'InvalidManifest',
      `The manifest does not match the v${manifest.manifestVersion} schema:`,
      schemaErrors,
    );
  }
  const icons = { color: manifest.icons.color, outline: manifest.icons.outline };
  const iconBytes: Record<string, Buffer> = {};
  const iconErrors: string[] = [];
  for (const [kind, file] of Object.entries(icons) as Array<[keyof typeof ICON_RULES, string]>) {
    const path = resolve(appPackageDir, file);
    if (relative(appPackageDir, path).startsWith('..') || !existsSync(path)) {
      iconErrors.push(`${kind} icon ${file} is not a file in appPackage/`);
      continue;
    }
    iconBytes[file] = readFileSync(path);
    iconErrors.push(...iconProblems(kind, iconBytes[file]));
  }
  if (iconErrors.length > 0)
    throw new PackageError('InvalidIcon', 'The icons are not what Teams requires:', iconErrors);
  const commandErrors = commandListProblems(manifest);
  if (commandErrors.length > 0) {
    throw new PackageError(
      'CommandsOutOfSync',
      "The manifest's bot commands do not match the bot:",
      commandErrors,
    );
  }

  const outDir = options.outDir ?? join(root, 'build', 'appPackage');
  mkdirSync(outDir, { recursive: true });
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const zip = new JSZip();
  zip.file('manifest.json', manifestText, { date: ZIP_DATE });
  for (const [file, bytes] of Object.entries(iconBytes)) zip.file(file, bytes, { date: ZIP_DATE });
  const zipPath = join(outDir, `appPackage.${options.env}.zip`);
  const manifestPath = join(outDir, `manifest.${options.env}.json`);
  writeFileSync(zipPath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  writeFileSync(manifestPath, manifestText);
  return { zipPath, manifestPath, manifest, files: ['manifest.json', ...Object.keys(iconBytes)] };
}

async function main(argv: readonly string[]): Promise<number> {
  let env: string;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { env: { type: 'string', default: 'local' } },
      strict: true,
    });
    env = values.env;
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: npm run package -- --env <local|dev|…>`);
    return 2;
  }
  try {
    const result = await packageApp({ env });
    console.log(
      `Packaged ${result.files.join(', ')} for "${env}" → ${relative(process.cwd(), result.zipPath)}`,
    );
    return 0;
  } catch (error) {
    if (error instanceof PackageError) {
      console.error(`Cannot package "${env}": ${error.message}`);
      return 1;
    }
    throw error;
  }
}

if (isEntryModule(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
