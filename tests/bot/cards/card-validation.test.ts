import { describe, expect, it } from '@jest/globals';
import { adaptiveCard, text, type AdaptiveCard } from '../../../bot/cards/adaptive.ts';
import { checkCard } from '../helpers/card-validation.ts';

/** The checker the card tests rely on must catch what Teams would reject or silently drop. */
describe('checkCard', () => {
  const base = adaptiveCard([text('hello')]);

  it('accepts a minimal card', () => {
    expect(checkCard(base).problems).toEqual([]);
  });

  it.each<[string, AdaptiveCard, RegExp]>([
    [
      'an invalid enum value',
      { ...base, body: [{ type: 'TextBlock', text: 'x', color: 'Purple' as never }] },
      /Invalid value "Purple"/,
    ],
    ['an unknown element', { ...base, body: [{ type: 'Carousel' } as never] }, /Unknown element type/],
    [
      'an unknown property',
      { ...base, body: [{ type: 'TextBlock', text: 'x', colour: 'Good' } as never] },
      /colour is unknown/,
    ],
    ['a version above 1.5', { ...base, version: '1.6' as never }, /version 1.6/],
    [
      'an Action.Execute without fallback',
      { ...base, actions: [{ type: 'Action.Execute', title: 'Go', verb: 'go' }] },
      /no Action.Submit fallback/,
    ],
    ['a card over 28 KB', adaptiveCard([text('x'.repeat(30_000))]), /bytes \(limit/],
    [
      'more than 60 refresh users',
      {
        ...base,
        refresh: {
          action: { type: 'Action.Execute', verb: 'v' },
          userIds: Array.from({ length: 61 }, (_, i) => `29:${i}`),
        },
      },
      /userIds has 61/,
    ],
  ])('reports %s', (_name, card, problem) => {
    expect(checkCard(card).problems.join('\n')).toMatch(problem);
  });
});
