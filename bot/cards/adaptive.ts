import { cardText, dangerouslyTrustMarkdown, md, type CardText, type Markdown } from './markdown.ts';

/**
 * A typed subset of the Adaptive Cards 1.5 schema: only what the bot's cards use, so every card the
 * bot builds type-checks against what Teams renders. Builders are plain functions returning JSON.
 * The types are the JSON Teams receives (text already Markdown source); the text builders take
 * {@link CardText}: a plain string is data and is shown literally (see ./markdown.ts).
 */

export const CARD_VERSION = '1.5';
export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** The most restrictive Teams path limits a message to ~28 KB; cards stay under this many bytes of JSON. */
export const MAX_CARD_BYTES = 28 * 1024;

export type TextColor = 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';
export type TextSize = 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
export type TextWeight = 'Lighter' | 'Default' | 'Bolder';
export type Spacing = 'None' | 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge' | 'Padding';
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
export type ActionStyle = 'default' | 'positive' | 'destructive';
/**
 * `secondary` actions go to the card's overflow menu ("…", Adaptive Cards 1.5, supported by Teams): the card's
 * few primary buttons stay on one row even in a 320 px chat pane.
 */
export type ActionMode = 'primary' | 'secondary';

export interface TextBlock {
  readonly type: 'TextBlock';
  readonly text: string;
  readonly wrap?: boolean;
  readonly size?: TextSize;
  readonly weight?: TextWeight;
  readonly color?: TextColor;
  readonly isSubtle?: boolean;
  readonly spacing?: Spacing;
  readonly separator?: boolean;
  readonly maxLines?: number;
  readonly horizontalAlignment?: 'Left' | 'Center' | 'Right';
  readonly style?: 'default' | 'heading';
  /** `Monospace` for commands to copy (an `ssh` line). */
  readonly fontType?: 'Default' | 'Monospace';
}

/** A fact as the card carries it: both strings are Markdown source. Build them with {@link facts}. */
export interface Fact {
  readonly title: string;
  readonly value: string;
}

/** A fact for {@link facts}: strings are literal data, {@link Markdown} the bot's own formatting. */
export interface FactInput {
  readonly title: CardText;
  readonly value: CardText;
}

export interface FactSet {
  readonly type: 'FactSet';
  readonly facts: readonly Fact[];
  readonly spacing?: Spacing;
  readonly separator?: boolean;
}

export interface Column {
  readonly type: 'Column';
  readonly items: readonly CardElement[];
  /** `auto`, `stretch`, a number (a relative *weight*, not pixels) or a fixed `"80px"`. */
  readonly width?: 'auto' | 'stretch' | number | `${number}px`;
  readonly verticalContentAlignment?: 'Top' | 'Center' | 'Bottom';
  readonly spacing?: Spacing;
}

export interface ColumnSet {
  readonly type: 'ColumnSet';
  readonly columns: readonly Column[];
  readonly spacing?: Spacing;
  readonly separator?: boolean;
  readonly selectAction?: ExecuteAction;
}

export interface Container {
  readonly type: 'Container';
  readonly items: readonly CardElement[];
  readonly style?: ContainerStyle;
  readonly spacing?: Spacing;
  readonly separator?: boolean;
  readonly bleed?: boolean;
  readonly selectAction?: ExecuteAction;
}

export interface TextInput {
  readonly type: 'Input.Text';
  readonly id: string;
  readonly label?: string;
  readonly placeholder?: string;
  readonly value?: string;
  readonly maxLength?: number;
  readonly spacing?: Spacing;
}

/** A time picker; its value (`HH:mm`) travels in the data of an `Action.Execute` with `associatedInputs: auto`. */
export interface TimeInput {
  readonly type: 'Input.Time';
  readonly id: string;
  readonly label?: string;
  readonly value?: string;
  readonly isRequired?: boolean;
  readonly errorMessage?: string;
  readonly spacing?: Spacing;
}

export interface ActionSet {
  readonly type: 'ActionSet';
  readonly actions: readonly CardAction[];
  readonly spacing?: Spacing;
  readonly horizontalAlignment?: 'Left' | 'Center' | 'Right';
}

export type CardElement = TextBlock | FactSet | ColumnSet | Container | TextInput | TimeInput | ActionSet;

/** `Action.Submit`: what older Teams clients run when they do not know `Action.Execute`. */
export interface SubmitAction {
  readonly type: 'Action.Submit';
  readonly title: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly style?: ActionStyle;
  readonly associatedInputs?: 'auto' | 'none';
}

/** `Action.Execute` (Universal Actions): Teams sends it to the bot as an `adaptiveCard/action` invoke. */
export interface ExecuteAction {
  readonly type: 'Action.Execute';
  readonly title?: string;
  readonly verb: string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly style?: ActionStyle;
  readonly associatedInputs?: 'auto' | 'none';
  readonly tooltip?: string;
  readonly mode?: ActionMode;
  readonly fallback?: SubmitAction;
}

export interface OpenUrlAction {
  readonly type: 'Action.OpenUrl';
  readonly title: string;
  readonly url: string;
  readonly tooltip?: string;
  readonly mode?: ActionMode;
}

export type CardAction = ExecuteAction | OpenUrlAction;

/** `refresh`: in group chats and channels each listed user's client asks the bot for their own view. */
export interface Refresh {
  readonly action: ExecuteAction;
  /** Teams user MRIs (`29:…`), at most {@link MAX_REFRESH_USERS}. */
  readonly userIds: readonly string[];
}

/** Teams refreshes automatically for at most 60 listed users. */
export const MAX_REFRESH_USERS = 60;

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: typeof CARD_SCHEMA;
  readonly version: typeof CARD_VERSION;
  readonly body: readonly CardElement[];
  readonly actions?: readonly CardAction[];
  readonly refresh?: Refresh;
  readonly fallbackText?: string;
  /** Teams extension: full-width cards in chat. */
  readonly msteams?: { readonly width: 'Full' };
}

/** Options every top-level card builder accepts. */
export interface CardOptions {
  /** Adds `refresh` (group chats and channels): user-specific views for these users. */
  readonly refresh?: Refresh;
}

export function adaptiveCard(
  body: readonly CardElement[],
  options: {
    readonly actions?: readonly CardAction[];
    readonly refresh?: Refresh;
    readonly fallbackText?: string;
  } = {},
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body,
    ...(options.actions && options.actions.length > 0 ? { actions: options.actions } : {}),
    ...(options.refresh ? { refresh: options.refresh } : {}),
    ...(options.fallbackText ? { fallbackText: options.fallbackText } : {}),
    msteams: { width: 'Full' },
  };
}

/**
 * A TextBlock. Teams renders its text as Markdown, so a string `value` is escaped and shows exactly
 * as given (VM names, Azure's messages, what users typed); pass {@link md} for intended formatting.
 */
export function text(value: CardText, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return { type: 'TextBlock', text: cardText(value), wrap: true, ...options };
}

export function heading(value: CardText, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return text(value, { size: 'Medium', weight: 'Bolder', style: 'heading', ...options });
}

/** A FactSet. Fact titles and values are Markdown in Teams too: strings are escaped like {@link text}'s. */
export function facts(list: readonly FactInput[], options: Omit<FactSet, 'type' | 'facts'> = {}): FactSet {
  return {
    type: 'FactSet',
    facts: list.map((fact) => ({ title: cardText(fact.title), value: cardText(fact.value) })),
    ...options,
  };
}

export function column(items: readonly CardElement[], options: Omit<Column, 'type' | 'items'> = {}): Column {
  return { type: 'Column', items, ...options };
}

export function columns(
  list: readonly Column[],
  options: Omit<ColumnSet, 'type' | 'columns'> = {},
): ColumnSet {
  return { type: 'ColumnSet', columns: list, ...options };
}

export function container(
  items: readonly CardElement[],
  options: Omit<Container, 'type' | 'items'> = {},
): Container {
  return { type: 'Container', items, ...options };
}

export function actionSet(
  actions: readonly CardAction[],
  options: Omit<ActionSet, 'type' | 'actions'> = {},
): ActionSet {
  return { type: 'ActionSet', actions, ...options };
}

/** An `Action.OpenUrl`: Teams opens `url` in the browser (the Azure portal, docs). */
export function openUrl(
  title: string,
  url: string,
  options: { readonly tooltip?: string; readonly mode?: ActionMode } = {},
): OpenUrlAction {
  return { type: 'Action.OpenUrl', title, url, ...options };
}

/**
 * Adaptive Cards renders `{{TIME(…)}}` in the reader's own time zone and locale. It is trusted
 * Markdown because the bot forms it from a parsed date (never from the text it was given); an
 * unparseable `iso` is shown literally instead.
 */
export function localTime(iso: string): Markdown {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return md`${iso}`;
  return dangerouslyTrustMarkdown(`{{TIME(${date.toISOString().replace(/\.\d{3}Z$/, 'Z')})}}`);
}

/**
 * Width a row of buttons may take in a 320 px chat pane (the card's 16 px padding removed), and a rough width per
 * title character (600-weight 14 px, on the wide side) and per button (padding, border and the spacing after it),
 * measured with the layout test's renderer (tests/bot/cards/layout.test.ts): the buttons beyond it go to the overflow
 * menu ("…", itself about {@link OVERFLOW_BUTTON_PX} wide) instead of running past the card's edge (the renderer never
 * wraps a row of actions).
 */
const BUTTON_ROW_PX = 288;
const PX_PER_CHAR = 8.5;
const PX_PER_BUTTON = 34;
const OVERFLOW_BUTTON_PX = 56;

/** Estimated width of a button titled `title`, its spacing included. */
function buttonPx(title: string | undefined): number {
  return (title?.length ?? 4) * PX_PER_CHAR + PX_PER_BUTTON;
}

/** Whether a single button titled `title` fits on the narrowest card's row untruncated. Pure. */
export function fitsButtonRow(title: string): boolean {
  return buttonPx(title) <= BUTTON_ROW_PX;
}

/**
 * The first actions that fit on one row, with room for the "…" menu when some go there, stay primary (at most
 * three); the rest go to the "…" menu. Pure.
 */
export function withOverflow(actions: readonly CardAction[]): CardAction[] {
  const widths = actions.map((action) => buttonPx(action.title));
  let primary = Math.min(3, actions.length);
  const rowPx = (count: number) =>
    widths.slice(0, count).reduce((sum, px) => sum + px, 0) +
    (count < actions.length ? OVERFLOW_BUTTON_PX : 0);
  while (primary > 1 && rowPx(primary) > BUTTON_ROW_PX) primary -= 1;
  return actions.map((action, index) =>
    index < primary ? action : { ...action, mode: 'secondary' as const },
  );
}

/** Size of the card as Teams receives it (UTF-8 JSON bytes). */
export function cardBytes(card: AdaptiveCard): number {
  return new TextEncoder().encode(JSON.stringify(card)).length;
}
