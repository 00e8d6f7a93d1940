import { describe, expect, it } from '@jest/globals';
import { addMinutes, armTime, parseAutoShutdown } from '../../contract/auto-shutdown.ts';
import { formatMoney, runningNowText, stillBilledText, totalPerHour } from '../../contract/cost.ts';
import {
  isWindowsTimeZone,
  shortZoneName,
  windowsIdForIana,
  WINDOWS_TIME_ZONES,
} from '../../contract/time-zones.ts';
import { WINDOWS_ZONES } from '../../emulator/arm/time-zones.ts';

describe('parseAutoShutdown', () => {
  const ok = { enabled: true, time: '19:00', timeZone: 'W. Europe Standard Time', notifyMinutesBefore: 30 };

  it('accepts the contract shape (enabled defaults to true, notifyMinutesBefore to null)', () => {
    expect(parseAutoShutdown(ok)).toEqual({ ok: true, value: ok });
    expect(parseAutoShutdown({ time: '00:00', timeZone: 'utc' })).toEqual({
      ok: true,
      value: { enabled: true, time: '00:00', timeZone: 'utc', notifyMinutesBefore: null },
    });
    expect(parseAutoShutdown({ ...ok, time: '23:59' }).ok).toBe(true);
  });

  it.each([
    [{ ...ok, time: '24:00' }, 'time'],
    [{ ...ok, time: '12:60' }, 'time'],
    [{ ...ok, time: '1900' }, 'time'],
    [{ ...ok, time: 1900 }, 'time'],
    [{ ...ok, timeZone: 'Europe/Berlin' }, 'timeZone'],
    [{ ...ok, enabled: 1 }, 'enabled'],
    [{ ...ok, notifyMinutesBefore: 121 }, 'notifyMinutesBefore'],
    [{ ...ok, notifyMinutesBefore: 30.5 }, 'notifyMinutesBefore'],
    [{ ...ok, other: true }, 'other'],
    ['19:00', 'body'],
    [null, 'body'],
  ])('%j names %s', (body, field) => {
    const result = parseAutoShutdown(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.field).toBe(field);
  });

  it('converts ARM times and adds minutes across midnight', () => {
    expect(armTime.fromHhmm('1930')).toBe('19:30');
    expect(armTime.fromHhmm('2460')).toBeUndefined();
    expect(armTime.toHhmm('07:05')).toBe('0705');
    expect(addMinutes('19:30', 60)).toBe('20:30');
    expect(addMinutes('23:30', 120)).toBe('01:30');
  });
});

describe('Windows time zones (CLDR windowsZones.xml)', () => {
  it('maps IANA zones to Windows ids, aliases included, UTC otherwise', () => {
    expect(windowsIdForIana('Europe/Berlin')).toBe('W. Europe Standard Time');
    expect(windowsIdForIana('Europe/Amsterdam')).toBe('W. Europe Standard Time');
    expect(windowsIdForIana('America/Los_Angeles')).toBe('Pacific Standard Time');
    expect(windowsIdForIana('Asia/Kolkata')).toBe('India Standard Time');
    expect(windowsIdForIana('UTC')).toBe('UTC');
    expect(windowsIdForIana('Mars/Olympus')).toBe('UTC');
    expect(windowsIdForIana(undefined)).toBe('UTC');
    expect(shortZoneName('W. Europe Standard Time')).toBe('W. Europe');
    expect(isWindowsTimeZone('pacific standard time')).toBe(true);
  });

  it('every IANA zone of the table is one Intl knows, ids are unique', () => {
    for (const zone of WINDOWS_TIME_ZONES) {
      expect(() => new Intl.DateTimeFormat('en', { timeZone: zone.iana })).not.toThrow();
    }
    expect(new Set(WINDOWS_TIME_ZONES.map((z) => z.id.toLowerCase())).size).toBe(WINDOWS_TIME_ZONES.length);
  });

  it("the emulator's copy names the same zones", () => {
    expect(WINDOWS_ZONES.map(([id, iana]) => ({ id, iana }))).toEqual(
      WINDOWS_TIME_ZONES.map(({ id, iana }) => ({ id, iana })),
    );
  });
});

describe('cost wording', () => {
  const price = { perHour: 0.4738, currency: 'USD', meter: 'E4s v5' };
  it('formats list prices and totals of running VMs only', () => {
    expect(formatMoney(0.0478, 'USD')).toBe('$0.048');
    expect(formatMoney(34.894, 'USD')).toBe('$34.89');
    expect(stillBilledText(price)).toBe(
      'Still billed ≈ $0.474/h — Stop (deallocate) to stop paying for compute',
    );
    const vms = [
      { powerState: 'running' as const, price },
      { powerState: 'running' as const, price: null },
      { powerState: 'deallocated' as const, price },
    ];
    expect(totalPerHour(vms)).toEqual({ perHour: 0.4738, currency: 'USD', priced: 1, unpriced: 1 });
    expect(runningNowText(vms)).toBe('Running now ≈ $0.474/h');
    expect(runningNowText([{ powerState: 'running', price: null }])).toBeUndefined();
  });
});
