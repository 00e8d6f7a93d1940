import { describe, expect, it } from '@jest/globals';
import {
  autoShutdownCard,
  shutdownAnsweredCard,
  shutdownSoonCard,
} from '../../../bot/cards/auto-shutdown-card.ts';
import { vmCard } from '../../../bot/cards/vm-card.ts';
import { vmListCard } from '../../../bot/cards/vm-list-card.ts';
import { confirmCard } from '../../../bot/cards/confirm-card.ts';
import { checkCard } from '../helpers/card-validation.ts';
import { cardText, executeActions } from '../helpers/teams.ts';
import type { Vm } from '../../../contract/vm.ts';

const VM: Vm = {
  id: '/subscriptions/1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70/resourceGroups/rg-data/providers/Microsoft.Compute/virtualMachines/sql-01',
  name: 'sql-01',
  resourceGroup: 'rg-data',
  subscriptionId: '1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70',
  subscriptionName: 'Contoso Dev',
  location: 'westeurope',
  size: 'Standard_E4s_v5',
  osType: 'Windows',
  powerState: 'stopped',
  provisioningState: 'Succeeded',
  tags: {},
  actions: ['start', 'deallocate', 'powerOff', 'restart', 'setAutoShutdown'],
  price: { perHour: 0.4738, currency: 'USD', meter: 'E4s v5' },
  autoShutdown: {
    enabled: true,
    time: '19:00',
    timeZone: 'W. Europe Standard Time',
    notifyMinutesBefore: 30,
  },
};

describe('auto-shutdown and cost on cards', () => {
  it('the card before shutdown: valid, four buttons carrying only the notice id, names escaped', () => {
    const card = shutdownSoonCard({
      vmName: 'web-*02*',
      vmId: VM.id,
      minutes: 30,
      time: '19:30',
      timeZone: 'UTC',
      notice: 'abcdefghijklmnopqrstuvwx',
    });
    expect(checkCard(card).problems).toEqual([]);
    expect(cardText(card)).toContain('web-*02* shuts down in 30 minutes');
    expect(executeActions(card).map((a) => [a.verb, a.data])).toEqual([
      ['autoshutdown.respond', { notice: 'abcdefghijklmnopqrstuvwx', response: 'skip' }],
      ['autoshutdown.respond', { notice: 'abcdefghijklmnopqrstuvwx', response: 'delay60' }],
      ['autoshutdown.respond', { notice: 'abcdefghijklmnopqrstuvwx', response: 'delay120' }],
      ['autoshutdown.respond', { notice: 'abcdefghijklmnopqrstuvwx', response: 'stopNow' }],
    ]);
  });

  it('answered and schedule cards are valid; the schedule card offers a time input only to those who may change it', () => {
    const answered = shutdownAnsweredCard({
      vmName: 'web-02',
      vmId: VM.id,
      response: 'delay60',
      by: 'Alice Wong',
      time: '19:30',
      timeZone: 'UTC',
    });
    expect(checkCard(answered).problems).toEqual([]);
    expect(cardText(answered)).toContain('Delayed to 20:30 by Alice Wong');
    const schedule = autoShutdownCard({ vm: VM, schedule: VM.autoShutdown ?? null });
    expect(checkCard(schedule).problems).toEqual([]);
    expect(JSON.stringify(schedule)).toContain('"Input.Time"');
    const readOnly = autoShutdownCard({ vm: { ...VM, actions: [] }, schedule: null });
    expect(JSON.stringify(readOnly)).not.toContain('"Input.Time"');
  });

  it('VM card: price, schedule and the still-billed warning; list: running total; power off: the cost it keeps', () => {
    const card = vmCard({ vm: VM });
    expect(checkCard(card).problems).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('$0.474/h (≈ $345.87/month)');
    expect(text).toContain('Shuts down 19:00 W. Europe');
    expect(text).toContain('Still billed ≈ $0.474/h — Stop (deallocate) to stop paying for compute');
    expect(text).toContain('without discounts');
    const running = { ...VM, name: 'app-01', powerState: 'running' as const };
    const list = vmListCard({ vms: [running, VM] });
    expect(checkCard(list).problems).toEqual([]);
    expect(cardText(list)).toContain('Running now ≈ $0.474/h · stopped but still billed ≈ $0.474/h');
    const confirm = confirmCard({ vm: running, action: 'powerOff' });
    expect(cardText(confirm)).toContain('it keeps costing ≈ $0.474/h');
  });
});
