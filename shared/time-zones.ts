// IANA time zone checks shared by the API schemas (browser and hub) and the hub's calendar.

/** Names of UTC itself (and zero-offset, DST-free aliases): their maths needs no Intl. */
const UTC_ZONES = new Set([
  'UTC',
  'Etc/UTC',
  'UCT',
  'Etc/UCT',
  'Universal',
  'Etc/Universal',
  'Zulu',
  'Etc/Zulu',
  'GMT',
  'Etc/GMT',
  'GMT0',
  'Etc/GMT0',
  'GMT+0',
  'Etc/GMT+0',
  'GMT-0',
  'Etc/GMT-0',
  'Greenwich',
  'Etc/Greenwich',
]);

/**
 * True for UTC and its aliases. A hub running in UTC never touches Intl, which spares ICU's time zone data: the
 * first Intl call makes ~8 MB of it resident.
 */
export function isUtcZone(timeZone: string): boolean {
  return UTC_ZONES.has(timeZone);
}

/** An IANA zone name Intl accepts (UTC and its aliases without asking Intl). */
export function isValidTimeZone(timeZone: string): boolean {
  if (isUtcZone(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
