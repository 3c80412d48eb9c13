// Times between the database (integer ms since the epoch) and the API (ISO-8601 UTC strings).

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

export function toIsoOrNull(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

/** Parses an already validated ISO-8601 date-time; null stays null. */
export function fromIsoOrNull(iso: string | null): number | null {
  return iso === null ? null : Date.parse(iso);
}
