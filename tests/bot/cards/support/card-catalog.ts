/**
 * Every card the bot sends, built by the real builders in bot/cards with worst-case data: 64-character VM names,
 * long resource group and subscription names, many tags, Markdown characters and `{{DATE(…)}}`-looking text.
 * `builder` names the bot/cards export that made it, so a test can tell which builders go unchecked.
 */
import type { AdaptiveCard, CardElement } from '../../../../bot/cards/adaptive.ts';
import {
  shutdownAnsweredCard,
  shutdownSoonCard,
  autoShutdownCard,
} from '../../../../bot/cards/auto-shutdown-card.ts';
import { confirmCard } from '../../../../bot/cards/confirm-card.ts';
import { connectCard } from '../../../../bot/cards/connect-card.ts';
import { groupSignInCard, signedInCard } from '../../../../bot/cards/group-sign-in.ts';
import { choiceCard, errorCard, helpCard, welcomeCard } from '../../../../bot/cards/message-cards.ts';
import { failedCard, progressCard, succeededCard } from '../../../../bot/cards/operation-cards.ts';
import { oauthCard, type OAuthCard } from '../../../../bot/cards/sign-in.ts';
import { vmCard } from '../../../../bot/cards/vm-card.ts';
import { vmListCard } from '../../../../bot/cards/vm-list-card.ts';
import { vmPreview, type ThumbnailCard } from '../../../../bot/cards/vm-preview.ts';
import { vmAttachment } from '../../../../bot/app/compose/message-extension.ts';
import { describeError } from '../../../../bot/app/error-text.ts';
import { AppError } from '../../../../src/domain/errors.ts';
import type { Operation } from '../../../../contract/operation.ts';
import { POWER_STATE_WORDING } from '../../../../contract/power.ts';
import type { PowerState, Vm, VmAction } from '../../../../contract/vm.ts';
import { makeVm } from '../../helpers/vms.ts';

export interface CardSample {
  /** Unique, file-name safe: the screenshot's name. */
  readonly name: string;
  /** The bot/cards export that built it. */
  readonly builder: string;
  readonly card: AdaptiveCard;
}

/** 64 characters, Azure's longest VM name, with no space to wrap at. */
export const LONG_NAME = 'build-agent-0123456789-abcdefghij-klmnopqrst-uvwxyz-0123456789ab';
const LONG_GROUP = 'rg-platform-engineering-shared-build-infrastructure-westeurope-01';
const LONG_SUBSCRIPTION =
  'Contoso Platform Engineering **Shared** {{DATE(2026-01-01T00:00:00Z, SHORT)}} _Prod_';
const TAGS: Readonly<Record<string, string>> = {
  env: 'production',
  'cost-center': 'CC-4711-platform',
  owner: 'platform-team',
  role: 'ci-build-agent',
  '**bold**': '_italic_ [link](https://evil.example)',
  schedule: '{{TIME(2026-01-01T00:00:00Z)}}',
  'data-classification': 'confidential',
  backup: 'daily',
};
const PRICE = { perHour: 1.234, currency: 'USD', meter: 'D4s v5' } as const;
const SCHEDULE = {
  enabled: true,
  time: '19:00',
  timeZone: 'W. Europe Standard Time',
  notifyMinutesBefore: 30,
} as const;
const STARTED = '2026-11-28T10:02:00.000Z';
const FINISHED = '2026-11-28T10:04:00.000Z';

/** A VM with every field at its longest. */
export function worstVm(overrides: Partial<Vm> = {}): Vm {
  return makeVm({
    name: LONG_NAME,
    resourceGroup: LONG_GROUP,
    subscriptionName: LONG_SUBSCRIPTION,
    size: 'Standard_D16ads_v5',
    location: 'germanywestcentral',
    tags: TAGS,
    price: PRICE,
    autoShutdown: SCHEDULE,
    actions: ['start', 'deallocate', 'powerOff', 'restart', 'setAutoShutdown'],
    ...overrides,
  });
}

function operation(overrides: Partial<Operation> = {}): Operation {
  const vm = worstVm();
  return {
    id: 'op-1',
    vmId: vm.id,
    vmName: vm.name,
    action: 'deallocate',
    status: 'InProgress',
    requestedBy: {
      oid: 'oid-1',
      tid: 'tid-1',
      name: 'Alexandra **Wong-Papadopoulou**',
      upn: 'alex@contoso.com',
    },
    startedAt: STARTED,
    ...overrides,
  };
}

/**
 * An OAuthCard as Teams draws it (its text above one sign-in button) in Adaptive Card terms: Teams renders these
 * Bot Framework cards itself, so this is the closest the official renderer gets.
 */
function asDrawn(card: OAuthCard | ThumbnailCard): AdaptiveCard {
  const body: CardElement[] =
    'connectionName' in card
      ? [
          { type: 'TextBlock', text: card.text, wrap: true },
          {
            type: 'ActionSet',
            actions: card.buttons.map((b) => ({
              type: 'Action.OpenUrl' as const,
              title: b.title,
              url: b.value,
            })),
          },
        ]
      : [
          { type: 'TextBlock', text: card.title, weight: 'Bolder', wrap: true },
          ...(card.subtitle
            ? [{ type: 'TextBlock' as const, text: card.subtitle, isSubtle: true, wrap: true }]
            : []),
          ...(card.text ? [{ type: 'TextBlock' as const, text: card.text, wrap: true }] : []),
        ];
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
  };
}

const POWER_STATES = Object.keys(POWER_STATE_WORDING) as PowerState[];
const CONFIRMED: readonly VmAction[] = ['deallocate', 'powerOff', 'restart'];

/** Error cards for each kind of failure the bot words (bot/app/error-text.ts), Azure's messages included. */
const ERRORS: ReadonlyArray<[string, unknown]> = [
  [
    'forbidden',
    new AppError(
      'AuthorizationFailed',
      `The client 'alex@contoso.com' with object id '1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70' does not have authorization to perform action 'Microsoft.Compute/virtualMachines/deallocate/action' over scope '/subscriptions/1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70/resourceGroups/${LONG_GROUP}/providers/Microsoft.Compute/virtualMachines/${LONG_NAME}'.`,
    ),
  ],
  ['not-found', new AppError('NotFound', 'gone')],
  [
    'refused',
    new AppError(
      'Conflict',
      `Operation 'restart' is not allowed on VM '${LONG_NAME}' since the VM is deallocated.`,
      { details: { armCode: 'OperationNotAllowed' } },
    ),
  ],
  ['own-limit', new AppError('TooManyRequests', 'limit', { retryAfter: 30, details: { limit: 'actions' } })],
  ['throttled', new AppError('TooManyRequests', 'throttled', { retryAfter: 17 })],
  ['timeout', new AppError('AzureTimeout', 'slow')],
  ['unavailable', new AppError('AzureUnavailable', 'down')],
  ['entra', new AppError('EntraUnavailable', 'down')],
  [
    'bad-request',
    new AppError(
      'BadRequest',
      'The filter "**{{DATE(2026-01-01T00:00:00Z)}}**" is longer than 100 characters.',
    ),
  ],
  ['unexpected', new Error('internal detail')],
];

export function cardCatalog(): CardSample[] {
  const samples: CardSample[] = [];
  const add = (builder: string, name: string, card: AdaptiveCard) => samples.push({ builder, name, card });
  const vm = worstVm();
  const small = [
    worstVm(),
    worstVm({ name: 'web-02', powerState: 'deallocated' }),
    worstVm({ name: 'sql-01', powerState: 'stopped', osType: 'Windows', actions: [] }),
  ];
  const large = Array.from({ length: 37 }, (_, i) =>
    worstVm({
      name: `${LONG_NAME.slice(0, 60)}${String(i).padStart(4, '0')}`,
      powerState: POWER_STATES[i % POWER_STATES.length]!,
    }),
  );

  add('helpCard', 'help', helpCard());
  add(
    'helpCard',
    'help-not-understood',
    helpCard({ note: `I didn't understand “start ${LONG_NAME} **now** {{DATE(2026-01-01T00:00:00Z)}}”.` }),
  );
  add('welcomeCard', 'welcome-personal', welcomeCard({ name: 'Alexandra', scope: 'personal' }));
  add('welcomeCard', 'welcome-group', welcomeCard({ scope: 'group' }));
  for (const state of POWER_STATES)
    add('vmCard', `vm-${state}`, vmCard({ vm: worstVm({ powerState: state }), tenantId: 'tid-1' }));
  add('vmCard', 'vm-read-only', vmCard({ vm: worstVm({ actions: [], autoShutdown: null, price: null }) }));
  add('vmCard', 'vm-notice', vmCard({ vm, notice: { text: `Started ${LONG_NAME}`, tone: 'good' } }));
  add('vmListCard', 'list-small', vmListCard({ vms: small, asOf: STARTED }));
  add(
    'vmListCard',
    'list-large-page-2',
    vmListCard({
      vms: large,
      page: 1,
      totalCount: 300,
      filter: 'build-agent **{{DATE(2026-01-01T00:00:00Z)}}**',
      asOf: STARTED,
      errors: [
        {
          subscriptionId: '00000000-0000-4000-8000-000000000001',
          subscriptionName: LONG_SUBSCRIPTION,
          code: 'AuthorizationFailed',
          armCode: 'AuthorizationFailed',
          message: 'no',
        },
        {
          subscriptionId: '00000000-0000-4000-8000-000000000002',
          subscriptionName: 'Contoso Prod',
          code: 'AzureUnavailable',
          message: 'down',
        },
        { subscriptionId: '00000000-0000-4000-8000-000000000003', code: 'AzureTimeout', message: 'slow' },
      ],
    }),
  );
  add('vmListCard', 'list-empty-filter', vmListCard({ vms: [], filter: LONG_NAME, totalCount: 4 }));
  for (const action of CONFIRMED) add('confirmCard', `confirm-${action}`, confirmCard({ vm, action }));
  add(
    'confirmCard',
    'confirm-refused',
    confirmCard({ vm: worstVm({ powerState: 'deallocated' }), action: 'restart' }),
  );
  add(
    'choiceCard',
    'choice-restart',
    choiceCard({ query: 'build-agent', purpose: 'restart', matches: [...small, ...large], exact: false }),
  );
  add(
    'connectCard',
    'connect-ssh',
    connectCard({
      vm,
      offer: {
        kind: 'ssh',
        host: `${LONG_NAME}.germanywestcentral.cloudapp.azure.com`,
        command: `ssh azureuser@${LONG_NAME}.germanywestcentral.cloudapp.azure.com`,
      },
    }),
  );
  add(
    'connectCard',
    'connect-rdp',
    connectCard({
      vm: worstVm({ osType: 'Windows' }),
      offer: { kind: 'rdp', host: '20.113.201.144', fileName: 'x.rdp', file: '' },
    }),
  );
  add(
    'connectCard',
    'connect-no-address',
    connectCard({
      vm,
      offer: {
        kind: 'none',
        reason: `${LONG_NAME} has no public IP address. Connect through Azure Bastion from the Azure portal.`,
      },
    }),
  );
  add('progressCard', 'progress', progressCard({ operation: operation(), vm }));
  add(
    'succeededCard',
    'succeeded-with-vm',
    succeededCard({
      operation: operation({ status: 'Succeeded', finishedAt: FINISHED }),
      vm: worstVm({ powerState: 'deallocated' }),
    }),
  );
  add(
    'succeededCard',
    'succeeded-without-vm',
    succeededCard({ operation: operation({ status: 'Succeeded', finishedAt: FINISHED }) }),
  );
  add(
    'failedCard',
    'failed-arm-code',
    failedCard({
      operation: operation({
        status: 'Failed',
        action: 'start',
        error: {
          code: 'OperationFailed',
          armCode: 'AllocationFailed',
          message: `Allocation failed. We do not have sufficient capacity for the requested VM size in this region. Read more about improving likelihood of allocation success at https://aka.ms/allocation-guidance`,
        },
      }),
      vm,
    }),
  );
  for (const [kind, error] of ERRORS)
    add('errorCard', `error-${kind}`, errorCard(describeError(error, `stop ${LONG_NAME}`)));
  add(
    'groupSignInCard',
    'sign-in-group',
    groupSignInCard({ botAppId: '00000000-0000-4000-8000-000000000000' }),
  );
  add('signedInCard', 'signed-in', signedInCard('Alexandra **Wong-Papadopoulou**'));
  add(
    'oauthCard',
    'sign-in-oauth',
    asDrawn(
      oauthCard(
        { signInUrl: 'https://localhost/auth-start.html', connectionName: '', identifierUri: 'api://x' },
        'Sign in so I can manage your VMs as you.',
        'ex-1',
      ),
    ),
  );
  add(
    'autoShutdownCard',
    'auto-shutdown-set',
    autoShutdownCard({
      vm,
      schedule: SCHEDULE,
      notice: { text: 'Auto-shutdown set by Alexandra **Wong-Papadopoulou**', tone: 'good' },
    }),
  );
  add('autoShutdownCard', 'auto-shutdown-off', autoShutdownCard({ vm, schedule: null }));
  add(
    'autoShutdownCard',
    'auto-shutdown-read-only',
    autoShutdownCard({
      vm: worstVm({ actions: [] }),
      schedule: { ...SCHEDULE, timeZone: 'Pacific SA Standard Time', notifyMinutesBefore: null },
    }),
  );
  add(
    'shutdownSoonCard',
    'shutdown-soon',
    shutdownSoonCard({
      vmName: LONG_NAME,
      vmId: vm.id,
      minutes: 30,
      time: '19:00',
      timeZone: 'W. Europe Standard Time',
      notice: 'n-1',
      price: PRICE,
      warning: "Your Azure role doesn't allow delaying this VM's auto-shutdown.",
    }),
  );
  for (const response of ['skip', 'delay60', 'stopNow'] as const)
    add(
      'shutdownAnsweredCard',
      `shutdown-answered-${response}`,
      shutdownAnsweredCard({
        vmName: LONG_NAME,
        vmId: vm.id,
        response,
        by: 'Alexandra **Wong-Papadopoulou**',
        time: '19:00',
        timeZone: 'W. Europe Standard Time',
      }),
    );
  const attachment = vmAttachment(vm, 'tid-1');
  add('vmCard', 'compose-result-card', attachment.content);
  add('vmPreview', 'compose-preview', asDrawn(vmPreview(vm)));
  return samples;
}
