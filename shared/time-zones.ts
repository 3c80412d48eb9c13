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
 * True for UTC and its aliases. A hub running in UTC never touches Intl or ICU's zone data (the hub's other zones are
 * read without Intl too: main/core/time/zone-offset.ts).
 */
export function isUtcZone(timeZone: string): boolean {
  return UTC_ZONES.has(timeZone);
}

let canonicalZones: ReadonlySet<string> | undefined;

/**
 * An IANA zone name Intl accepts. UTC and its aliases are known without asking Intl; the zones ICU lists as canonical
 * are checked against that list (~0.3 MB of ICU data); any other name (a link such as `US/Eastern`) is tried on an
 * `Intl.DateTimeFormat`, whose first use loads ICU's locale data (~8 MB of RSS in the hub's process).
 */
export function isValidTimeZone(timeZone: string): boolean {
  if (isUtcZone(timeZone)) return true;
  canonicalZones ??= new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  if (canonicalZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
