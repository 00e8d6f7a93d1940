import { describe, expect, it, jest } from '@jest/globals';
import {
  addMinutes,
  armTime,
  autoShutdownText,
  parseAutoShutdown,
  scheduleText,
} from '../../contract/auto-shutdown.ts';
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

  it('knows every Windows zone Azure accepts, not only common ones (a schedule made in the portal may use any)', () => {
    expect(WINDOWS_TIME_ZONES).toHaveLength(139);
    for (const id of [
      'Sri Lanka Standard Time',
      'Yukon Standard Time',
      'Jordan Standard Time',
      'Chatham Islands Standard Time',
    ]) {
      expect(isWindowsTimeZone(id)).toBe(true);
    }
    expect(windowsIdForIana('Asia/Colombo')).toBe('Sri Lanka Standard Time');
  });

  it("the emulator's copy names the same zones", () => {
    expect(WINDOWS_ZONES.map(([id, iana]) => ({ id, iana }))).toEqual(
      WINDOWS_TIME_ZONES.map(({ id, iana }) => ({ id, iana })),
    );
  });
});

describe('auto-shutdown wording', () => {
  const schedule = {
    enabled: true,
    time: '19:00',
    timeZone: 'W. Europe Standard Time',
    notifyMinutesBefore: 30,
  };
  it('says the time and the short zone name; "off" when there is none or it is disabled', () => {
    expect(scheduleText(schedule)).toBe('19:00 W. Europe');
    expect(scheduleText({ time: '07:30', timeZone: 'pacific standard time' })).toBe('07:30 Pacific');
    expect(autoShutdownText(schedule)).toBe('Shuts down 19:00 W. Europe');
    expect(autoShutdownText({ ...schedule, enabled: false })).toBe('Auto-shutdown off');
    expect(autoShutdownText(null)).toBe('Auto-shutdown off');
    expect(autoShutdownText(undefined, 'Off')).toBe('Off');
    expect(autoShutdownText(schedule, 'Off')).toBe('Shuts down 19:00 W. Europe');
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

describe('formatMoney', () => {
  it('builds one Intl.NumberFormat per currency and precision, not one per call', () => {
    const spy = jest.spyOn(Intl, 'NumberFormat');
    try {
      for (let i = 0; i < 20; i += 1) {
        expect(formatMoney(0.0478, 'CHF')).toBe('CHF\u00a00.048');
        expect(formatMoney(34.894, 'CHF')).toBe('CHF\u00a034.89');
      }
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('stays right past the cache bound, and falls back for a code Intl rejects', () => {
    const codes = Array.from(
      { length: 60 },
      (_, i) => `X${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`,
    );
    for (const code of codes) expect(formatMoney(12.5, code)).toBe(`${code}\u00a012.50`);
    expect(formatMoney(0.0478, 'USD')).toBe('$0.048');
    expect(formatMoney(1.5, 'not a code')).toBe('1.50 not a code');
    expect(formatMoney(1.5, 'not a code')).toBe('1.50 not a code');
  });
});
