// Converts between API timestamps (ISO-8601 UTC) and <input type="datetime-local"> values (browser local time).

const pad = (n: number) => String(n).padStart(2, '0');

export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "" → null; a local date-time → ISO UTC; unparsable → undefined (the caller reports it). */
export function localInputToIso(text: string): string | null | undefined {
  if (text.trim() === '') return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
