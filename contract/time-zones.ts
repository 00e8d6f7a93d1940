/**
 * Windows time zone ids (what Azure's auto-shutdown schedules take as `timeZoneId`) and the IANA zone each
 * stands for. Source: Unicode CLDR `common/supplemental/windowsZones.xml`, the `territory="001"` (primary) zone
 * of each Windows id; labels as Windows shows them. Data only: a fixture-like table, not all of CLDR (the zones
 * Azure's portal offers that people commonly use).
 */
export interface WindowsTimeZone {
  /** Windows id, e.g. `W. Europe Standard Time`. */
  readonly id: string;
  /** IANA zone, e.g. `Europe/Berlin` (for computing local times with `Intl`). */
  readonly iana: string;
  /** Windows' display name, e.g. `(UTC+01:00) Amsterdam, Berlin, …`. */
  readonly label: string;
}

export const WINDOWS_TIME_ZONES: readonly WindowsTimeZone[] = [
  { id: 'Dateline Standard Time', iana: 'Etc/GMT+12', label: '(UTC-12:00) International Date Line West' },
  { id: 'UTC-11', iana: 'Etc/GMT+11', label: '(UTC-11:00) Coordinated Universal Time-11' },
  { id: 'Hawaiian Standard Time', iana: 'Pacific/Honolulu', label: '(UTC-10:00) Hawaii' },
  { id: 'Alaskan Standard Time', iana: 'America/Anchorage', label: '(UTC-09:00) Alaska' },
  { id: 'Pacific Standard Time (Mexico)', iana: 'America/Tijuana', label: '(UTC-08:00) Baja California' },
  {
    id: 'Pacific Standard Time',
    iana: 'America/Los_Angeles',
    label: '(UTC-08:00) Pacific Time (US & Canada)',
  },
  { id: 'US Mountain Standard Time', iana: 'America/Phoenix', label: '(UTC-07:00) Arizona' },
  { id: 'Mountain Standard Time', iana: 'America/Denver', label: '(UTC-07:00) Mountain Time (US & Canada)' },
  { id: 'Central America Standard Time', iana: 'America/Guatemala', label: '(UTC-06:00) Central America' },
  { id: 'Central Standard Time', iana: 'America/Chicago', label: '(UTC-06:00) Central Time (US & Canada)' },
  {
    id: 'Central Standard Time (Mexico)',
    iana: 'America/Mexico_City',
    label: '(UTC-06:00) Guadalajara, Mexico City, Monterrey',
  },
  { id: 'Canada Central Standard Time', iana: 'America/Regina', label: '(UTC-06:00) Saskatchewan' },
  {
    id: 'SA Pacific Standard Time',
    iana: 'America/Bogota',
    label: '(UTC-05:00) Bogota, Lima, Quito, Rio Branco',
  },
  { id: 'Eastern Standard Time', iana: 'America/New_York', label: '(UTC-05:00) Eastern Time (US & Canada)' },
  { id: 'US Eastern Standard Time', iana: 'America/Indianapolis', label: '(UTC-05:00) Indiana (East)' },
  { id: 'Venezuela Standard Time', iana: 'America/Caracas', label: '(UTC-04:00) Caracas' },
  { id: 'Atlantic Standard Time', iana: 'America/Halifax', label: '(UTC-04:00) Atlantic Time (Canada)' },
  {
    id: 'SA Western Standard Time',
    iana: 'America/La_Paz',
    label: '(UTC-04:00) Georgetown, La Paz, Manaus, San Juan',
  },
  { id: 'Pacific SA Standard Time', iana: 'America/Santiago', label: '(UTC-04:00) Santiago' },
  { id: 'Newfoundland Standard Time', iana: 'America/St_Johns', label: '(UTC-03:30) Newfoundland' },
  { id: 'E. South America Standard Time', iana: 'America/Sao_Paulo', label: '(UTC-03:00) Brasilia' },
  { id: 'Argentina Standard Time', iana: 'America/Buenos_Aires', label: '(UTC-03:00) City of Buenos Aires' },
  { id: 'Greenland Standard Time', iana: 'America/Godthab', label: '(UTC-03:00) Greenland' },
  { id: 'UTC-02', iana: 'Etc/GMT+2', label: '(UTC-02:00) Coordinated Universal Time-02' },
  { id: 'Azores Standard Time', iana: 'Atlantic/Azores', label: '(UTC-01:00) Azores' },
  { id: 'Cape Verde Standard Time', iana: 'Atlantic/Cape_Verde', label: '(UTC-01:00) Cabo Verde Is.' },
  { id: 'UTC', iana: 'Etc/UTC', label: '(UTC) Coordinated Universal Time' },
  { id: 'GMT Standard Time', iana: 'Europe/London', label: '(UTC+00:00) Dublin, Edinburgh, Lisbon, London' },
  { id: 'Greenwich Standard Time', iana: 'Atlantic/Reykjavik', label: '(UTC+00:00) Monrovia, Reykjavik' },
  { id: 'Morocco Standard Time', iana: 'Africa/Casablanca', label: '(UTC+01:00) Casablanca' },
  {
    id: 'W. Europe Standard Time',
    iana: 'Europe/Berlin',
    label: '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
  },
  {
    id: 'Central Europe Standard Time',
    iana: 'Europe/Budapest',
    label: '(UTC+01:00) Belgrade, Bratislava, Budapest, Ljubljana, Prague',
  },
  {
    id: 'Romance Standard Time',
    iana: 'Europe/Paris',
    label: '(UTC+01:00) Brussels, Copenhagen, Madrid, Paris',
  },
  {
    id: 'Central European Standard Time',
    iana: 'Europe/Warsaw',
    label: '(UTC+01:00) Sarajevo, Skopje, Warsaw, Zagreb',
  },
  { id: 'W. Central Africa Standard Time', iana: 'Africa/Lagos', label: '(UTC+01:00) West Central Africa' },
  { id: 'GTB Standard Time', iana: 'Europe/Bucharest', label: '(UTC+02:00) Athens, Bucharest' },
  { id: 'E. Europe Standard Time', iana: 'Europe/Chisinau', label: '(UTC+02:00) Chisinau' },
  { id: 'Egypt Standard Time', iana: 'Africa/Cairo', label: '(UTC+02:00) Cairo' },
  {
    id: 'FLE Standard Time',
    iana: 'Europe/Kiev',
    label: '(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius',
  },
  { id: 'Israel Standard Time', iana: 'Asia/Jerusalem', label: '(UTC+02:00) Jerusalem' },
  { id: 'South Africa Standard Time', iana: 'Africa/Johannesburg', label: '(UTC+02:00) Harare, Pretoria' },
  { id: 'Turkey Standard Time', iana: 'Europe/Istanbul', label: '(UTC+03:00) Istanbul' },
  { id: 'Arab Standard Time', iana: 'Asia/Riyadh', label: '(UTC+03:00) Kuwait, Riyadh' },
  { id: 'Russian Standard Time', iana: 'Europe/Moscow', label: '(UTC+03:00) Moscow, St. Petersburg' },
  { id: 'E. Africa Standard Time', iana: 'Africa/Nairobi', label: '(UTC+03:00) Nairobi' },
  { id: 'Iran Standard Time', iana: 'Asia/Tehran', label: '(UTC+03:30) Tehran' },
  { id: 'Arabian Standard Time', iana: 'Asia/Dubai', label: '(UTC+04:00) Abu Dhabi, Muscat' },
  { id: 'Afghanistan Standard Time', iana: 'Asia/Kabul', label: '(UTC+04:30) Kabul' },
  { id: 'Pakistan Standard Time', iana: 'Asia/Karachi', label: '(UTC+05:00) Islamabad, Karachi' },
  {
    id: 'India Standard Time',
    iana: 'Asia/Calcutta',
    label: '(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi',
  },
  { id: 'Nepal Standard Time', iana: 'Asia/Katmandu', label: '(UTC+05:45) Kathmandu' },
  { id: 'Bangladesh Standard Time', iana: 'Asia/Dhaka', label: '(UTC+06:00) Dhaka' },
  { id: 'Myanmar Standard Time', iana: 'Asia/Rangoon', label: '(UTC+06:30) Yangon (Rangoon)' },
  { id: 'SE Asia Standard Time', iana: 'Asia/Bangkok', label: '(UTC+07:00) Bangkok, Hanoi, Jakarta' },
  {
    id: 'China Standard Time',
    iana: 'Asia/Shanghai',
    label: '(UTC+08:00) Beijing, Chongqing, Hong Kong, Urumqi',
  },
  { id: 'Singapore Standard Time', iana: 'Asia/Singapore', label: '(UTC+08:00) Kuala Lumpur, Singapore' },
  { id: 'W. Australia Standard Time', iana: 'Australia/Perth', label: '(UTC+08:00) Perth' },
  { id: 'Taipei Standard Time', iana: 'Asia/Taipei', label: '(UTC+08:00) Taipei' },
  { id: 'Tokyo Standard Time', iana: 'Asia/Tokyo', label: '(UTC+09:00) Osaka, Sapporo, Tokyo' },
  { id: 'Korea Standard Time', iana: 'Asia/Seoul', label: '(UTC+09:00) Seoul' },
  { id: 'Cen. Australia Standard Time', iana: 'Australia/Adelaide', label: '(UTC+09:30) Adelaide' },
  { id: 'AUS Central Standard Time', iana: 'Australia/Darwin', label: '(UTC+09:30) Darwin' },
  { id: 'E. Australia Standard Time', iana: 'Australia/Brisbane', label: '(UTC+10:00) Brisbane' },
  {
    id: 'AUS Eastern Standard Time',
    iana: 'Australia/Sydney',
    label: '(UTC+10:00) Canberra, Melbourne, Sydney',
  },
  { id: 'Tasmania Standard Time', iana: 'Australia/Hobart', label: '(UTC+10:00) Hobart' },
  {
    id: 'Central Pacific Standard Time',
    iana: 'Pacific/Guadalcanal',
    label: '(UTC+11:00) Solomon Is., New Caledonia',
  },
  { id: 'New Zealand Standard Time', iana: 'Pacific/Auckland', label: '(UTC+12:00) Auckland, Wellington' },
  { id: 'Fiji Standard Time', iana: 'Pacific/Fiji', label: '(UTC+12:00) Fiji' },
  { id: 'Tonga Standard Time', iana: 'Pacific/Tongatapu', label: "(UTC+13:00) Nuku'alofa" },
];

const byId = new Map(WINDOWS_TIME_ZONES.map((z) => [z.id.toLowerCase(), z]));

/** The zone for a Windows id (case-insensitive, as Azure compares them). */
export function windowsTimeZone(id: string): WindowsTimeZone | undefined {
  return byId.get(id.toLowerCase());
}

export function isWindowsTimeZone(id: string): boolean {
  return byId.has(id.toLowerCase());
}

/** IANA aliases browsers report for zones of the table (CLDR's other names for the same zone). */
const IANA_ALIASES: Readonly<Record<string, string>> = {
  UTC: 'Etc/UTC',
  'Etc/GMT': 'Etc/UTC',
  GMT: 'Etc/UTC',
  'Asia/Kolkata': 'Asia/Calcutta',
  'Asia/Kathmandu': 'Asia/Katmandu',
  'Asia/Yangon': 'Asia/Rangoon',
  'America/Nuuk': 'America/Godthab',
  'Europe/Kyiv': 'Europe/Kiev',
  'America/Indiana/Indianapolis': 'America/Indianapolis',
  'America/Argentina/Buenos_Aires': 'America/Buenos_Aires',
  'Europe/Amsterdam': 'Europe/Berlin',
  'Europe/Rome': 'Europe/Berlin',
  'Europe/Stockholm': 'Europe/Berlin',
  'Europe/Vienna': 'Europe/Berlin',
  'Europe/Zurich': 'Europe/Berlin',
  'Europe/Oslo': 'Europe/Berlin',
  'Europe/Prague': 'Europe/Budapest',
  'Europe/Belgrade': 'Europe/Budapest',
  'Europe/Madrid': 'Europe/Paris',
  'Europe/Brussels': 'Europe/Paris',
  'Europe/Copenhagen': 'Europe/Paris',
  'Europe/Dublin': 'Europe/London',
  'Europe/Lisbon': 'Europe/London',
  'Europe/Helsinki': 'Europe/Kiev',
  'Europe/Athens': 'Europe/Bucharest',
  'America/Toronto': 'America/New_York',
  'America/Vancouver': 'America/Los_Angeles',
  'Asia/Hong_Kong': 'Asia/Shanghai',
  'Australia/Melbourne': 'Australia/Sydney',
};

/**
 * The Windows id for an IANA zone (the tab's default from `Intl.DateTimeFormat().resolvedOptions().timeZone`);
 * `UTC` when the table has no match.
 */
export function windowsIdForIana(iana: string | undefined): string {
  if (!iana) return 'UTC';
  const canonical = IANA_ALIASES[iana] ?? iana;
  return WINDOWS_TIME_ZONES.find((z) => z.iana === canonical)?.id ?? 'UTC';
}

/** A short name for cards and rows: `W. Europe Standard Time` → `W. Europe`, `UTC` → `UTC`. */
export function shortZoneName(id: string): string {
  const zone = windowsTimeZone(id);
  const name = zone?.id ?? id;
  return name.replace(/ Standard Time\b/, '').trim() || name;
}
