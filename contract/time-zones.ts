/**
 * Windows time zone ids (what Azure's auto-shutdown schedules take as `timeZoneId`) and the IANA zone each
 * stands for. Source: Unicode CLDR `common/supplemental/windowsZones.xml` (typeVersion 2021a, unicode-org/cldr), the
 * `territory="001"` (primary) zone of every Windows id, in CLDR's order; labels as Windows shows them (the file's
 * comments). All of them: Azure accepts every Windows zone, and a schedule made in the portal may use any.
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
  { id: 'Aleutian Standard Time', iana: 'America/Adak', label: '(UTC-10:00) Aleutian Islands' },
  { id: 'Hawaiian Standard Time', iana: 'Pacific/Honolulu', label: '(UTC-10:00) Hawaii' },
  { id: 'Marquesas Standard Time', iana: 'Pacific/Marquesas', label: '(UTC-09:30) Marquesas Islands' },
  { id: 'Alaskan Standard Time', iana: 'America/Anchorage', label: '(UTC-09:00) Alaska' },
  { id: 'UTC-09', iana: 'Etc/GMT+9', label: '(UTC-09:00) Coordinated Universal Time-09' },
  { id: 'Pacific Standard Time (Mexico)', iana: 'America/Tijuana', label: '(UTC-08:00) Baja California' },
  { id: 'UTC-08', iana: 'Etc/GMT+8', label: '(UTC-08:00) Coordinated Universal Time-08' },
  {
    id: 'Pacific Standard Time',
    iana: 'America/Los_Angeles',
    label: '(UTC-08:00) Pacific Time (US & Canada)',
  },
  { id: 'US Mountain Standard Time', iana: 'America/Phoenix', label: '(UTC-07:00) Arizona' },
  {
    id: 'Mountain Standard Time (Mexico)',
    iana: 'America/Mazatlan',
    label: '(UTC-07:00) Chihuahua, La Paz, Mazatlan',
  },
  { id: 'Mountain Standard Time', iana: 'America/Denver', label: '(UTC-07:00) Mountain Time (US & Canada)' },
  { id: 'Yukon Standard Time', iana: 'America/Whitehorse', label: '(UTC-07:00) Yukon' },
  { id: 'Central America Standard Time', iana: 'America/Guatemala', label: '(UTC-06:00) Central America' },
  { id: 'Central Standard Time', iana: 'America/Chicago', label: '(UTC-06:00) Central Time (US & Canada)' },
  { id: 'Easter Island Standard Time', iana: 'Pacific/Easter', label: '(UTC-06:00) Easter Island' },
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
  { id: 'Eastern Standard Time (Mexico)', iana: 'America/Cancun', label: '(UTC-05:00) Chetumal' },
  { id: 'Eastern Standard Time', iana: 'America/New_York', label: '(UTC-05:00) Eastern Time (US & Canada)' },
  { id: 'Haiti Standard Time', iana: 'America/Port-au-Prince', label: '(UTC-05:00) Haiti' },
  { id: 'Cuba Standard Time', iana: 'America/Havana', label: '(UTC-05:00) Havana' },
  { id: 'US Eastern Standard Time', iana: 'America/Indianapolis', label: '(UTC-05:00) Indiana (East)' },
  { id: 'Turks And Caicos Standard Time', iana: 'America/Grand_Turk', label: '(UTC-05:00) Turks and Caicos' },
  { id: 'Paraguay Standard Time', iana: 'America/Asuncion', label: '(UTC-04:00) Asuncion' },
  { id: 'Atlantic Standard Time', iana: 'America/Halifax', label: '(UTC-04:00) Atlantic Time (Canada)' },
  { id: 'Venezuela Standard Time', iana: 'America/Caracas', label: '(UTC-04:00) Caracas' },
  { id: 'Central Brazilian Standard Time', iana: 'America/Cuiaba', label: '(UTC-04:00) Cuiaba' },
  {
    id: 'SA Western Standard Time',
    iana: 'America/La_Paz',
    label: '(UTC-04:00) Georgetown, La Paz, Manaus, San Juan',
  },
  { id: 'Pacific SA Standard Time', iana: 'America/Santiago', label: '(UTC-04:00) Santiago' },
  { id: 'Newfoundland Standard Time', iana: 'America/St_Johns', label: '(UTC-03:30) Newfoundland' },
  { id: 'Tocantins Standard Time', iana: 'America/Araguaina', label: '(UTC-03:00) Araguaina' },
  { id: 'E. South America Standard Time', iana: 'America/Sao_Paulo', label: '(UTC-03:00) Brasilia' },
  { id: 'SA Eastern Standard Time', iana: 'America/Cayenne', label: '(UTC-03:00) Cayenne, Fortaleza' },
  { id: 'Argentina Standard Time', iana: 'America/Buenos_Aires', label: '(UTC-03:00) City of Buenos Aires' },
  { id: 'Greenland Standard Time', iana: 'America/Godthab', label: '(UTC-03:00) Greenland' },
  { id: 'Montevideo Standard Time', iana: 'America/Montevideo', label: '(UTC-03:00) Montevideo' },
  { id: 'Magallanes Standard Time', iana: 'America/Punta_Arenas', label: '(UTC-03:00) Punta Arenas' },
  {
    id: 'Saint Pierre Standard Time',
    iana: 'America/Miquelon',
    label: '(UTC-03:00) Saint Pierre and Miquelon',
  },
  { id: 'Bahia Standard Time', iana: 'America/Bahia', label: '(UTC-03:00) Salvador' },
  { id: 'UTC-02', iana: 'Etc/GMT+2', label: '(UTC-02:00) Coordinated Universal Time-02' },
  { id: 'Azores Standard Time', iana: 'Atlantic/Azores', label: '(UTC-01:00) Azores' },
  { id: 'Cape Verde Standard Time', iana: 'Atlantic/Cape_Verde', label: '(UTC-01:00) Cabo Verde Is.' },
  { id: 'UTC', iana: 'Etc/UTC', label: '(UTC) Coordinated Universal Time' },
  { id: 'GMT Standard Time', iana: 'Europe/London', label: '(UTC+00:00) Dublin, Edinburgh, Lisbon, London' },
  { id: 'Greenwich Standard Time', iana: 'Atlantic/Reykjavik', label: '(UTC+00:00) Monrovia, Reykjavik' },
  { id: 'Sao Tome Standard Time', iana: 'Africa/Sao_Tome', label: '(UTC+00:00) Sao Tome' },
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
  { id: 'Jordan Standard Time', iana: 'Asia/Amman', label: '(UTC+02:00) Amman' },
  { id: 'GTB Standard Time', iana: 'Europe/Bucharest', label: '(UTC+02:00) Athens, Bucharest' },
  { id: 'Middle East Standard Time', iana: 'Asia/Beirut', label: '(UTC+02:00) Beirut' },
  { id: 'Egypt Standard Time', iana: 'Africa/Cairo', label: '(UTC+02:00) Cairo' },
  { id: 'E. Europe Standard Time', iana: 'Europe/Chisinau', label: '(UTC+02:00) Chisinau' },
  { id: 'Syria Standard Time', iana: 'Asia/Damascus', label: '(UTC+02:00) Damascus' },
  { id: 'West Bank Standard Time', iana: 'Asia/Hebron', label: '(UTC+02:00) Gaza, Hebron' },
  { id: 'South Africa Standard Time', iana: 'Africa/Johannesburg', label: '(UTC+02:00) Harare, Pretoria' },
  {
    id: 'FLE Standard Time',
    iana: 'Europe/Kiev',
    label: '(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius',
  },
  { id: 'Israel Standard Time', iana: 'Asia/Jerusalem', label: '(UTC+02:00) Jerusalem' },
  { id: 'South Sudan Standard Time', iana: 'Africa/Juba', label: '(UTC+02:00) Juba' },
  { id: 'Kaliningrad Standard Time', iana: 'Europe/Kaliningrad', label: '(UTC+02:00) Kaliningrad' },
  { id: 'Sudan Standard Time', iana: 'Africa/Khartoum', label: '(UTC+02:00) Khartoum' },
  { id: 'Libya Standard Time', iana: 'Africa/Tripoli', label: '(UTC+02:00) Tripoli' },
  { id: 'Namibia Standard Time', iana: 'Africa/Windhoek', label: '(UTC+02:00) Windhoek' },
  { id: 'Arabic Standard Time', iana: 'Asia/Baghdad', label: '(UTC+03:00) Baghdad' },
  { id: 'Turkey Standard Time', iana: 'Europe/Istanbul', label: '(UTC+03:00) Istanbul' },
  { id: 'Arab Standard Time', iana: 'Asia/Riyadh', label: '(UTC+03:00) Kuwait, Riyadh' },
  { id: 'Belarus Standard Time', iana: 'Europe/Minsk', label: '(UTC+03:00) Minsk' },
  { id: 'Russian Standard Time', iana: 'Europe/Moscow', label: '(UTC+03:00) Moscow, St. Petersburg' },
  { id: 'E. Africa Standard Time', iana: 'Africa/Nairobi', label: '(UTC+03:00) Nairobi' },
  { id: 'Iran Standard Time', iana: 'Asia/Tehran', label: '(UTC+03:30) Tehran' },
  { id: 'Arabian Standard Time', iana: 'Asia/Dubai', label: '(UTC+04:00) Abu Dhabi, Muscat' },
  { id: 'Astrakhan Standard Time', iana: 'Europe/Astrakhan', label: '(UTC+04:00) Astrakhan, Ulyanovsk' },
  { id: 'Azerbaijan Standard Time', iana: 'Asia/Baku', label: '(UTC+04:00) Baku' },
  { id: 'Russia Time Zone 3', iana: 'Europe/Samara', label: '(UTC+04:00) Izhevsk, Samara' },
  { id: 'Mauritius Standard Time', iana: 'Indian/Mauritius', label: '(UTC+04:00) Port Louis' },
  { id: 'Saratov Standard Time', iana: 'Europe/Saratov', label: '(UTC+04:00) Saratov' },
  { id: 'Georgian Standard Time', iana: 'Asia/Tbilisi', label: '(UTC+04:00) Tbilisi' },
  { id: 'Volgograd Standard Time', iana: 'Europe/Volgograd', label: '(UTC+04:00) Volgograd' },
  { id: 'Caucasus Standard Time', iana: 'Asia/Yerevan', label: '(UTC+04:00) Yerevan' },
  { id: 'Afghanistan Standard Time', iana: 'Asia/Kabul', label: '(UTC+04:30) Kabul' },
  { id: 'West Asia Standard Time', iana: 'Asia/Tashkent', label: '(UTC+05:00) Ashgabat, Tashkent' },
  { id: 'Ekaterinburg Standard Time', iana: 'Asia/Yekaterinburg', label: '(UTC+05:00) Ekaterinburg' },
  { id: 'Pakistan Standard Time', iana: 'Asia/Karachi', label: '(UTC+05:00) Islamabad, Karachi' },
  { id: 'Qyzylorda Standard Time', iana: 'Asia/Qyzylorda', label: '(UTC+05:00) Qyzylorda' },
  {
    id: 'India Standard Time',
    iana: 'Asia/Calcutta',
    label: '(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi',
  },
  { id: 'Sri Lanka Standard Time', iana: 'Asia/Colombo', label: '(UTC+05:30) Sri Jayawardenepura' },
  { id: 'Nepal Standard Time', iana: 'Asia/Katmandu', label: '(UTC+05:45) Kathmandu' },
  { id: 'Central Asia Standard Time', iana: 'Asia/Bishkek', label: '(UTC+06:00) Astana' },
  { id: 'Bangladesh Standard Time', iana: 'Asia/Dhaka', label: '(UTC+06:00) Dhaka' },
  { id: 'Omsk Standard Time', iana: 'Asia/Omsk', label: '(UTC+06:00) Omsk' },
  { id: 'Myanmar Standard Time', iana: 'Asia/Rangoon', label: '(UTC+06:30) Yangon (Rangoon)' },
  { id: 'SE Asia Standard Time', iana: 'Asia/Bangkok', label: '(UTC+07:00) Bangkok, Hanoi, Jakarta' },
  { id: 'Altai Standard Time', iana: 'Asia/Barnaul', label: '(UTC+07:00) Barnaul, Gorno-Altaysk' },
  { id: 'W. Mongolia Standard Time', iana: 'Asia/Hovd', label: '(UTC+07:00) Hovd' },
  { id: 'North Asia Standard Time', iana: 'Asia/Krasnoyarsk', label: '(UTC+07:00) Krasnoyarsk' },
  { id: 'N. Central Asia Standard Time', iana: 'Asia/Novosibirsk', label: '(UTC+07:00) Novosibirsk' },
  { id: 'Tomsk Standard Time', iana: 'Asia/Tomsk', label: '(UTC+07:00) Tomsk' },
  {
    id: 'China Standard Time',
    iana: 'Asia/Shanghai',
    label: '(UTC+08:00) Beijing, Chongqing, Hong Kong, Urumqi',
  },
  { id: 'North Asia East Standard Time', iana: 'Asia/Irkutsk', label: '(UTC+08:00) Irkutsk' },
  { id: 'Singapore Standard Time', iana: 'Asia/Singapore', label: '(UTC+08:00) Kuala Lumpur, Singapore' },
  { id: 'W. Australia Standard Time', iana: 'Australia/Perth', label: '(UTC+08:00) Perth' },
  { id: 'Taipei Standard Time', iana: 'Asia/Taipei', label: '(UTC+08:00) Taipei' },
  { id: 'Ulaanbaatar Standard Time', iana: 'Asia/Ulaanbaatar', label: '(UTC+08:00) Ulaanbaatar' },
  { id: 'Aus Central W. Standard Time', iana: 'Australia/Eucla', label: '(UTC+08:45) Eucla' },
  { id: 'Transbaikal Standard Time', iana: 'Asia/Chita', label: '(UTC+09:00) Chita' },
  { id: 'Tokyo Standard Time', iana: 'Asia/Tokyo', label: '(UTC+09:00) Osaka, Sapporo, Tokyo' },
  { id: 'North Korea Standard Time', iana: 'Asia/Pyongyang', label: '(UTC+09:00) Pyongyang' },
  { id: 'Korea Standard Time', iana: 'Asia/Seoul', label: '(UTC+09:00) Seoul' },
  { id: 'Yakutsk Standard Time', iana: 'Asia/Yakutsk', label: '(UTC+09:00) Yakutsk' },
  { id: 'Cen. Australia Standard Time', iana: 'Australia/Adelaide', label: '(UTC+09:30) Adelaide' },
  { id: 'AUS Central Standard Time', iana: 'Australia/Darwin', label: '(UTC+09:30) Darwin' },
  { id: 'E. Australia Standard Time', iana: 'Australia/Brisbane', label: '(UTC+10:00) Brisbane' },
  {
    id: 'AUS Eastern Standard Time',
    iana: 'Australia/Sydney',
    label: '(UTC+10:00) Canberra, Melbourne, Sydney',
  },
  { id: 'West Pacific Standard Time', iana: 'Pacific/Port_Moresby', label: '(UTC+10:00) Guam, Port Moresby' },
  { id: 'Tasmania Standard Time', iana: 'Australia/Hobart', label: '(UTC+10:00) Hobart' },
  { id: 'Vladivostok Standard Time', iana: 'Asia/Vladivostok', label: '(UTC+10:00) Vladivostok' },
  { id: 'Lord Howe Standard Time', iana: 'Australia/Lord_Howe', label: '(UTC+10:30) Lord Howe Island' },
  {
    id: 'Bougainville Standard Time',
    iana: 'Pacific/Bougainville',
    label: '(UTC+11:00) Bougainville Island',
  },
  { id: 'Russia Time Zone 10', iana: 'Asia/Srednekolymsk', label: '(UTC+11:00) Chokurdakh' },
  { id: 'Magadan Standard Time', iana: 'Asia/Magadan', label: '(UTC+11:00) Magadan' },
  { id: 'Norfolk Standard Time', iana: 'Pacific/Norfolk', label: '(UTC+11:00) Norfolk Island' },
  { id: 'Sakhalin Standard Time', iana: 'Asia/Sakhalin', label: '(UTC+11:00) Sakhalin' },
  {
    id: 'Central Pacific Standard Time',
    iana: 'Pacific/Guadalcanal',
    label: '(UTC+11:00) Solomon Is., New Caledonia',
  },
  {
    id: 'Russia Time Zone 11',
    iana: 'Asia/Kamchatka',
    label: '(UTC+12:00) Anadyr, Petropavlovsk-Kamchatsky',
  },
  { id: 'New Zealand Standard Time', iana: 'Pacific/Auckland', label: '(UTC+12:00) Auckland, Wellington' },
  { id: 'UTC+12', iana: 'Etc/GMT-12', label: '(UTC+12:00) Coordinated Universal Time+12' },
  { id: 'Fiji Standard Time', iana: 'Pacific/Fiji', label: '(UTC+12:00) Fiji' },
  { id: 'Chatham Islands Standard Time', iana: 'Pacific/Chatham', label: '(UTC+12:45) Chatham Islands' },
  { id: 'UTC+13', iana: 'Etc/GMT-13', label: '(UTC+13:00) Coordinated Universal Time+13' },
  { id: 'Tonga Standard Time', iana: 'Pacific/Tongatapu', label: "(UTC+13:00) Nuku'alofa" },
  { id: 'Samoa Standard Time', iana: 'Pacific/Apia', label: '(UTC+13:00) Samoa' },
  { id: 'Line Islands Standard Time', iana: 'Pacific/Kiritimati', label: '(UTC+14:00) Kiritimati Island' },
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
