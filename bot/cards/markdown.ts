/**
 * Card text is not plain text: Teams runs every TextBlock and fact through Markdown (emphasis,
 * links, lists at line start), and adaptivecards first expands `{{DATE(…)}}` / `{{TIME(…)}}` in
 * it. VM names, tags, Azure's error messages, user names and what people type must show as typed,
 * so the card builders treat a plain `string` as literal data and escape it; the bot's own
 * formatting is a {@link Markdown} value, made only by {@link md} (which escapes what it
 * interpolates) or the explicitly named {@link dangerouslyTrustMarkdown}. Each piece of data is
 * escaped exactly once, where it becomes card text ({@link cardText}).
 */

/** Module-private key: only this module can make a {@link Markdown}, so no data passes for one. */
const SOURCE = Symbol('markdown source');

/** Markdown the bot wrote on purpose (its own `{{TIME}}`, bold, links); never data. */
export interface Markdown {
  readonly [SOURCE]: string;
}

/** What a text builder accepts: a `string` is literal data, a {@link Markdown} is formatting. */
export type CardText = string | Markdown;

/**
 * Characters that mean something anywhere in a line: backslash escapes, emphasis (`*`, `_`), code
 * (`` ` ``), links and images (`[`, `]`), raw HTML and autolinks (`<`), entities (`&`, so `&lt;`
 * stays six characters), strikethrough (`~`), table cells (`|`) and every `{`, so no two braces
 * ever touch and no `{{DATE(…)}}`/`{{TIME(…)}}` can be formed, even across concatenated values.
 */
const INLINE_SYNTAX = /[\\`*_[\]<&~|{]/g;
/** Block syntax only counts at the start of a line: headings, quotes, bullets, setext underlines. */
const LINE_START_SYNTAX = /^[#>+=-]/gm;
/** `1.` / `1)` at the start of a line starts an ordered list: escape the delimiter. */
const ORDERED_LIST = /^(\d+)([.)])/gm;
/**
 * Indentation at the start of a line: Markdown never shows it (a paragraph strips it), but four
 * spaces would start a code block, which displays our backslashes instead of removing them.
 */
const INDENTATION = /^[ \t]+/gm;

/**
 * `value` as Markdown source that renders as exactly `value`: a backslash before each character that
 * could start Markdown (CommonMark allows one before any ASCII punctuation, and both it and Teams
 * drop it when rendering) and before every `{`, which adaptivecards' DATE/TIME formatter (run before
 * Markdown) then cannot match. Only what could be syntax is escaped, so `web-01` stays `web-01` in
 * the card JSON and its size grows little. Leading indentation of a line is dropped (see above).
 * The start of `value` counts as a line start: wherever it lands in a card, it may be one.
 */
export function escapeMarkdown(value: string): string {
  return value
    .replace(INDENTATION, '')
    .replace(INLINE_SYNTAX, (char) => `\\${char}`)
    .replace(LINE_START_SYNTAX, (char) => `\\${char}`)
    .replace(ORDERED_LIST, (_match, digits: string, delimiter: string) => `${digits}\\${delimiter}`);
}

/**
 * Bot-written Markdown with data in it: the template's literal parts are Markdown as written, every
 * interpolated string or number is escaped, and an interpolated {@link Markdown} is kept as is.
 * `` md`Requested by ${user.name} at ${localTime(startedAt)}` ``
 */
export function md(parts: TemplateStringsArray, ...values: readonly (CardText | number)[]): Markdown {
  const source = parts.reduce(
    (out, part, i) => out + part + (i < values.length ? cardText(interpolated(values[i])) : ''),
    '',
  );
  return markdownOf(source);
}

/**
 * Treats `source` as Markdown without escaping anything. Only for text the bot itself wrote; never
 * for a string that contains, or was built from, data (use {@link md} for that).
 */
export function dangerouslyTrustMarkdown(source: string): Markdown {
  return markdownOf(source);
}

/** True for a value made by {@link md} or {@link dangerouslyTrustMarkdown}. */
export function isMarkdown(value: unknown): value is Markdown {
  return typeof value === 'object' && value !== null && SOURCE in value;
}

/** The string a card carries for `value`: data escaped (exactly once), Markdown as written. */
export function cardText(value: CardText): string {
  return isMarkdown(value) ? value[SOURCE] : escapeMarkdown(value);
}

function interpolated(value: CardText | number | undefined): CardText {
  return typeof value === 'number' ? String(value) : (value ?? '');
}

function markdownOf(source: string): Markdown {
  return Object.freeze({ [SOURCE]: source });
}
