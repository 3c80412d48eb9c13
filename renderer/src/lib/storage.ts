// Persisted console preferences in localStorage, tolerant of browsers where storage is unavailable.
export function readPreference(name: string): string | null {
  try {
    return window.localStorage.getItem(`cchub.${name}`);
  } catch {
    return null;
  }
}

export function writePreference(name: string, value: string): void {
  try {
    window.localStorage.setItem(`cchub.${name}`, value);
  } catch {
    // Private mode or disabled storage: the preference lasts for this page only.
  }
}
