/**
 * The Windows time zone ids DevTest Labs schedules accept (`timeZoneId`) and the IANA zone each stands for, from
 * Unicode CLDR `windowsZones.xml` (territory 001). The emulator's own copy (it imports nothing of the product);
 * tests check it names the same zones as the product's table.
 */
export const WINDOWS_ZONES: ReadonlyArray<readonly [windowsId: string, iana: string]> = [
  ['Dateline Standard Time', 'Etc/GMT+12'],
  ['UTC-11', 'Etc/GMT+11'],
  ['Hawaiian Standard Time', 'Pacific/Honolulu'],
  ['Alaskan Standard Time', 'America/Anchorage'],
  ['Pacific Standard Time (Mexico)', 'America/Tijuana'],
  ['Pacific Standard Time', 'America/Los_Angeles'],
  ['US Mountain Standard Time', 'America/Phoenix'],
  ['Mountain Standard Time', 'America/Denver'],
  ['Central America Standard Time', 'America/Guatemala'],
  ['Central Standard Time', 'America/Chicago'],
  ['Central Standard Time (Mexico)', 'America/Mexico_City'],
  ['Canada Central Standard Time', 'America/Regina'],
  ['SA Pacific Standard Time', 'America/Bogota'],
  ['Eastern Standard Time', 'America/New_York'],
  ['US Eastern Standard Time', 'America/Indianapolis'],
  ['Venezuela Standard Time', 'America/Caracas'],
  ['Atlantic Standard Time', 'America/Halifax'],
  ['SA Western Standard Time', 'America/La_Paz'],
  ['Pacific SA Standard Time', 'America/Santiago'],
  ['Newfoundland Standard Time', 'America/St_Johns'],
  ['E. South America Standard Time', 'America/Sao_Paulo'],
  ['Argentina Standard Time', 'America/Buenos_Aires'],
  ['Greenland Standard Time', 'America/Godthab'],
  ['UTC-02', 'Etc/GMT+2'],
  ['Azores Standard Time', 'Atlantic/Azores'],
  ['Cape Verde Standard Time', 'Atlantic/Cape_Verde'],
  ['UTC', 'Etc/UTC'],
  ['GMT Standard Time', 'Europe/London'],
  ['Greenwich Standard Time', 'Atlantic/Reykjavik'],
  ['Morocco Standard Time', 'Africa/Casablanca'],
  ['W. Europe Standard Time', 'Europe/Berlin'],
  ['Central Europe Standard Time', 'Europe/Budapest'],
  ['Romance Standard Time', 'Europe/Paris'],
  ['Central European Standard Time', 'Europe/Warsaw'],
  ['W. Central Africa Standard Time', 'Africa/Lagos'],
  ['GTB Standard Time', 'Europe/Bucharest'],
  ['E. Europe Standard Time', 'Europe/Chisinau'],
  ['Egypt Standard Time', 'Africa/Cairo'],
  ['FLE Standard Time', 'Europe/Kiev'],
  ['Israel Standard Time', 'Asia/Jerusalem'],
  ['South Africa Standard Time', 'Africa/Johannesburg'],
  ['Turkey Standard Time', 'Europe/Istanbul'],
  ['Arab Standard Time', 'Asia/Riyadh'],
  ['Russian Standard Time', 'Europe/Moscow'],
  ['E. Africa Standard Time', 'Africa/Nairobi'],
  ['Iran Standard Time', 'Asia/Tehran'],
  ['Arabian Standard Time', 'Asia/Dubai'],
  ['Afghanistan Standard Time', 'Asia/Kabul'],
  ['Pakistan Standard Time', 'Asia/Karachi'],
  ['India Standard Time', 'Asia/Calcutta'],
  ['Nepal Standard Time', 'Asia/Katmandu'],
  ['Bangladesh Standard Time', 'Asia/Dhaka'],
  ['Myanmar Standard Time', 'Asia/Rangoon'],
  ['SE Asia Standard Time', 'Asia/Bangkok'],
  ['China Standard Time', 'Asia/Shanghai'],
  ['Singapore Standard Time', 'Asia/Singapore'],
  ['W. Australia Standard Time', 'Australia/Perth'],
  ['Taipei Standard Time', 'Asia/Taipei'],
  ['Tokyo Standard Time', 'Asia/Tokyo'],
  ['Korea Standard Time', 'Asia/Seoul'],
  ['Cen. Australia Standard Time', 'Australia/Adelaide'],
  ['AUS Central Standard Time', 'Australia/Darwin'],
  ['E. Australia Standard Time', 'Australia/Brisbane'],
  ['AUS Eastern Standard Time', 'Australia/Sydney'],
  ['Tasmania Standard Time', 'Australia/Hobart'],
  ['Central Pacific Standard Time', 'Pacific/Guadalcanal'],
  ['New Zealand Standard Time', 'Pacific/Auckland'],
  ['Fiji Standard Time', 'Pacific/Fiji'],
  ['Tonga Standard Time', 'Pacific/Tongatapu'],
];

const byId = new Map(WINDOWS_ZONES.map(([id, iana]) => [id.toLowerCase(), { id, iana }]));

/** The zone's canonical Windows id and IANA name (ids compare case-insensitively, as in Azure). */
export function zoneOf(id: string): { readonly id: string; readonly iana: string } | undefined {
  return byId.get(id.toLowerCase());
}

/** The wall-clock date (`YYYY-MM-DD`) and minute of the day at `ms` in an IANA zone. */
export function localClock(ms: number, iana: string): { readonly date: string; readonly minute: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: iana,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    minute: Number(get('hour')) * 60 + Number(get('minute')),
  };
}
