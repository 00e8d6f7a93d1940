import { describe, expect, it } from '@jest/globals';
import { MAX_CARD_BYTES, type AdaptiveCard } from '../../../bot/cards/adaptive.ts';
import { confirmCard } from '../../../bot/cards/confirm-card.ts';
import { choiceCard, errorCard, helpCard } from '../../../bot/cards/message-cards.ts';
import { failedCard, progressCard, succeededCard } from '../../../bot/cards/operation-cards.ts';
import { vmCard } from '../../../bot/cards/vm-card.ts';
import { vmListCard } from '../../../bot/cards/vm-list-card.ts';
import type { Operation } from '../../../contract/operation.ts';
import { checkCard } from '../helpers/card-validation.ts';
import { renderCard, renderedTexts, textsOf } from '../helpers/render-card.ts';
import { makeVm } from '../helpers/vms.ts';

/**
 * Text from Azure and from people, built into every card and rendered by the real adaptivecards
 * renderer with a CommonMark processor, must read exactly as it came: no emphasis, links, lists,
 * headings or HTML, and no DATE/TIME function expanded, in group chats included.
 */
const HOSTILE = [
  '**x**',
  '_i_',
  '[click](https://evil.example)',
  '<b>b</b>',
  '**<b>b</b>** _i_ {{TIME(2020-01-01T00:00:00Z)}}',
  '{{TIME(2020-01-01T00:00:00Z)}}',
  '{{DATE(2020-01-01T00:00:00Z, SHORT)}}',
  '- item',
  '1. first',
  '# title',
  'C:\\temp\\ \\*not bold\\*',
  '<https://evil.example>',
  '![img](https://evil.example/x.png)',
  '&lt;b&gt; &amp;',
  '~~gone~~ `code`',
  '> quote\n- a\n2) b\n===',
  '| a | b |\n|---|---|',
  'web_01 *a* __b__',
];

/** Elements only Markdown or HTML in a TextBlock's text can produce: none of these cards means any. */
const FORMATTING =
  'a, strong, em, b, i, del, s, code, pre, ul, ol, li, h1, h2, h3, h4, h5, h6, blockquote, table, img, hr';

const startedAt = '2026-11-28T10:02:00.000Z';
const finishedAt = '2026-11-28T10:03:00.000Z';
/** What adaptivecards' TIME formatter shows for the bot's own `localTime()`. */
const shownTime = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });

const validVmId = makeVm({ name: 'web-02' }).id;

function hostileVm(value: string) {
  return makeVm({
    name: value,
    resourceGroup: value,
    subscriptionName: value,
    size: value,
    location: value,
    provisioningState: value,
    tags: { [value]: value },
  });
}

function hostileOperation(value: string, overrides: Partial<Operation> = {}): Operation {
  return {
    id: 'op-1',
    vmId: validVmId,
    vmName: value,
    action: 'start',
    status: 'InProgress',
    requestedBy: {
      tid: '72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11',
      oid: 'b0b00000-0000-4000-8000-000000000002',
      name: value,
      upn: value,
    },
    startedAt,
    ...overrides,
  };
}

/** Each card with the texts a reader must see in it, in order (other texts may sit between them). */
function cardsFor(value: string): Array<[string, AdaptiveCard, string[]]> {
  const vm = hostileVm(value);
  const other = makeVm({ name: 'web-02' });
  const op = hostileOperation(value);
  const by = `requested by ${value} at ${shownTime(startedAt)}`;
  return [
    ['error', errorCard({ title: value, message: value, code: value }), [value, value, `Code: ${value}`]],
    [
      'vm',
      vmCard({ vm, notice: { text: value, tone: 'good' } }),
      [
        value,
        value,
        'Resource group',
        value,
        'Subscription',
        value,
        'Size',
        value,
        'OS',
        'Linux',
        'Location',
        value,
        'Provisioning',
        value,
        'Tags',
        `${value}: ${value}`,
      ],
    ],
    [
      'list',
      vmListCard({
        vms: [vm],
        filter: value,
        totalCount: 3,
        errors: [
          {
            subscriptionId: value,
            subscriptionName: value,
            code: 'AuthorizationFailed',
            armCode: value,
            message: value,
          },
        ],
      }),
      [
        `1 VM · 1 running matching “${value}” (of 3)`,
        `Couldn't read 1 subscription: ${value} (${value}). The list may be incomplete.`,
        value,
        `${value} · ${value} · ${value}`,
      ],
    ],
    [
      'list: nothing matches',
      vmListCard({ vms: [], filter: value }),
      [`No VMs match “${value}”. Filter by name, resource group, subscription or state.`],
    ],
    [
      'choice: exact',
      choiceCard({ query: value, purpose: 'start', matches: [vm, other], exact: true }),
      [`Which “${value}” did you mean?`, value, `${value} · ${value} · ${value}`],
    ],
    [
      'choice: fuzzy',
      choiceCard({ query: value, purpose: 'status', matches: [other], exact: false }),
      [`No VM is named “${value}”. Did you mean one of these?`],
    ],
    ['help', helpCard({ note: value, greeting: value }), [value, value]],
    [
      'confirm',
      confirmCard({ vm, action: 'deallocate' }),
      [`Stop ${value}?`, 'Where', `${value} · ${value}`, 'Size', value],
    ],
    [
      'progress',
      progressCard({ operation: op, vm: { subscriptionName: value } }),
      [`Starting ${value}…`, `Requested by ${value} at ${shownTime(startedAt)}`, 'Subscription', value],
    ],
    [
      'succeeded: with vm',
      succeededCard({ operation: { ...op, status: 'Succeeded' }, vm }),
      [`Started ${value} — ${by}`, value],
    ],
    [
      'succeeded: without vm',
      succeededCard({ operation: { ...op, status: 'Succeeded', finishedAt } }),
      [`Started ${value} — ${by}`, `Finished at ${shownTime(finishedAt)}`],
    ],
    [
      'failed',
      failedCard({
        operation: {
          ...op,
          status: 'Failed',
          error: { code: 'OperationFailed', armCode: value, message: value },
        },
      }),
      [
        `Couldn't start ${value}`,
        `Azure said: ${value}`,
        'Error code',
        value,
        'Requested by',
        `${value} at ${shownTime(startedAt)}`,
      ],
    ],
  ];
}

const cases = HOSTILE.flatMap((value) =>
  cardsFor(value).map(([name, card, expected]): [string, string, AdaptiveCard, string[]] => [
    name,
    value,
    card,
    expected,
  ]),
);

describe('text from Azure and users in cards', () => {
  it.each(cases)('%s card shows %j literally', (_name, _value, card, expected) => {
    const rendered = renderCard(card);
    expect(inOrder(textsOf(rendered), expected)).toEqual(expected);
    expect(formattingIn(rendered)).toEqual([]);
  });

  it.each(cases)('%s card with %j stays valid and under the size limit', (_name, _value, card) => {
    const report = checkCard(card);
    expect(report.problems).toEqual([]);
    expect(report.bytes).toBeLessThan(MAX_CARD_BYTES);
  });

  it('keeps the bot’s own time working: {{TIME}} from localTime() is expanded', () => {
    const texts = renderedTexts(progressCard({ operation: hostileOperation('Bob Martin') }));
    expect(texts).toContain(`Requested by Bob Martin at ${shownTime(startedAt)}`);
    expect(texts.join('\n')).not.toContain('{{');
  });

  it('escapes each value once: ordinary names read as they are', () => {
    const vm = makeVm({ name: 'web_01', size: 'Standard_D2s_v3', tags: { cost_center: 'a_b' } });
    const texts = renderedTexts(vmCard({ vm }));
    expect(texts).toEqual(expect.arrayContaining(['web_01', 'Standard_D2s_v3', 'cost_center: a_b']));
    expect(texts.join('\n')).not.toContain('\\');
  });

  it('keeps the worst case under the size limit even when every character needs escaping', () => {
    const stars = makeVm({
      name: '_'.repeat(64),
      resourceGroup: '*'.repeat(90),
      subscriptionName: '['.repeat(64),
      tags: Object.fromEntries(
        Array.from({ length: 50 }, (_, i) => [`${i}${'*'.repeat(100)}`, '{'.repeat(256)]),
      ),
    });
    const cards = [
      vmListCard({ vms: Array.from({ length: 30 }, () => stars), filter: '*'.repeat(500) }),
      vmCard({ vm: stars, notice: { text: '_'.repeat(300), tone: 'good' } }),
      failedCard({
        operation: hostileOperation('_'.repeat(64), {
          status: 'Failed',
          error: { code: 'OperationFailed', armCode: '*'.repeat(100), message: '*'.repeat(4000) },
        }),
      }),
    ];
    for (const card of cards) expect(checkCard(card).bytes).toBeLessThan(MAX_CARD_BYTES);
  });
});

/** Formatting elements inside the rendered TextBlocks (fact titles and values included). */
function formattingIn(rendered: HTMLElement): string[] {
  return Array.from(rendered.querySelectorAll('.ac-textBlock')).flatMap((block) =>
    Array.from(block.querySelectorAll(FORMATTING), (element) => element.outerHTML),
  );
}

/**
 * `expected` when every entry appears in `texts` in that order, else what matched up to the first
 * miss followed by the whole rendered list (so a failure shows what the reader would see).
 */
function inOrder(texts: readonly string[], expected: readonly string[]): readonly string[] {
  let at = 0;
  for (const [i, want] of expected.entries()) {
    const found = texts.indexOf(want, at);
    if (found < 0) return [...expected.slice(0, i), `<missing; rendered: ${JSON.stringify(texts)}>`];
    at = found + 1;
  }
  return expected;
}
