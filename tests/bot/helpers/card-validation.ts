import { AC } from './adaptivecards-node.ts';
import { MAX_CARD_BYTES, MAX_REFRESH_USERS, type AdaptiveCard } from '../../../bot/cards/adaptive.ts';

/** Teams extensions and the action `fallback` (checked on its own) that the adaptivecards parser drops. */
const NOT_ROUND_TRIPPED = new Set(['msteams', 'fallback']);

export interface CardReport {
  readonly problems: readonly string[];
  readonly bytes: number;
}

/**
 * Checks a card the way Teams' limits and the official adaptivecards parser see it: version ≤ 1.5,
 * JSON under 28 KB, zero parse warnings/errors (SerializationContext targeting 1.5), every property
 * we emit known to the parser (round trip), every Action.Execute with an Action.Submit fallback
 * that is itself valid, and `refresh.userIds` within Teams' 60.
 */
export function checkCard(card: AdaptiveCard): CardReport {
  const problems: string[] = [];
  const json = JSON.stringify(card);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes >= MAX_CARD_BYTES) problems.push(`card is ${bytes} bytes (limit ${MAX_CARD_BYTES})`);
  if (!(Number(card.version) <= 1.5)) problems.push(`version ${card.version} > 1.5`);
  if (card.refresh && card.refresh.userIds.length > MAX_REFRESH_USERS)
    problems.push(`refresh.userIds has ${card.refresh.userIds.length}`);

  const payload = JSON.parse(json) as Record<string, unknown>;
  problems.push(...parseProblems(payload, 'card'));

  for (const action of executeActions(payload)) {
    const fallback = action.fallback as Record<string, unknown> | undefined;
    if (!fallback || fallback.type !== 'Action.Submit') {
      problems.push(`Action.Execute "${String(action.verb)}" has no Action.Submit fallback`);
      continue;
    }
    const data = fallback.data as Record<string, unknown> | undefined;
    if (data?.verb !== action.verb)
      problems.push(`fallback of "${String(action.verb)}" does not carry its verb`);
    problems.push(
      ...parseProblems(
        { type: 'AdaptiveCard', version: '1.5', body: [], actions: [fallback] },
        `fallback of ${String(action.verb)}`,
      ),
    );
  }
  return { problems, bytes };
}

function parseProblems(payload: Record<string, unknown>, label: string): string[] {
  const problems: string[] = [];
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(payload, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`${label}: parse event ${event.event}: ${event.message}`);
  }
  const serialized = parsed.toJSON() as Record<string, unknown> | undefined;
  problems.push(...droppedProperties(payload, serialized ?? {}, label));
  return problems;
}

function droppedProperties(ours: unknown, theirs: unknown, path: string): string[] {
  if (Array.isArray(ours)) {
    if (!Array.isArray(theirs)) return [`${path}: array lost`];
    return ours.flatMap((item, i) => droppedProperties(item, theirs[i], `${path}[${i}]`));
  }
  if (ours === null || typeof ours !== 'object') return [];
  if (theirs === null || typeof theirs !== 'object') return [`${path}: object lost`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(ours)) {
    if (NOT_ROUND_TRIPPED.has(key)) continue;
    if (key === 'data' && path.endsWith(']')) continue; // action data is opaque to the parser
    const other = (theirs as Record<string, unknown>)[key];
    if (other === undefined) {
      if (!isParserDefault(key, value)) problems.push(`${path}.${key} is unknown to the parser`);
      continue;
    }
    problems.push(...droppedProperties(value, other, `${path}.${key}`));
  }
  return problems;
}

/** Values the parser leaves out of toJSON because they are the schema default. */
function isParserDefault(key: string, value: unknown): boolean {
  return (
    (Array.isArray(value) && value.length === 0) ||
    (key === 'wrap' && value === false) ||
    (key === 'associatedInputs' && value === 'auto') ||
    (key === 'style' && value === 'default') ||
    (key === 'isSubtle' && value === false)
  );
}

function executeActions(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(executeActions);
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own = record.type === 'Action.Execute' ? [record] : [];
  return [
    ...own,
    ...Object.entries(record)
      .filter(([key]) => key !== 'fallback' && key !== 'refresh') // refresh actions need no fallback
      .flatMap(([, value]) => executeActions(value)),
  ];
}
