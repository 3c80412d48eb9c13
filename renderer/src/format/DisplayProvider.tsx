// Display settings the formatters need (currency symbol, hub timezone), loaded once per session and updatable.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api } from '../api/client';

export interface DisplaySettings {
  currencySymbol: string;
  timeZone: string | undefined;
}

interface DisplayValue extends DisplaySettings {
  update(settings: Partial<DisplaySettings>): void;
}

const DEFAULTS: DisplaySettings = { currencySymbol: '$', timeZone: undefined };
const DisplayContext = createContext<DisplayValue>({ ...DEFAULTS, update: () => {} });

interface SettingsFields {
  currencySymbol?: string;
  timezone?: string;
}

function validTimeZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/** `source` is the API path holding the display settings for this principal (null: keep the defaults). */
export function DisplayProvider({ source, children }: { source: string | null; children: ReactNode }) {
  const [settings, setSettings] = useState<DisplaySettings>(DEFAULTS);
  useEffect(() => {
    if (!source) return;
    const controller = new AbortController();
    api.get<SettingsFields>(source, undefined, controller.signal).then(
      (s) =>
        setSettings({
          currencySymbol: s.currencySymbol || DEFAULTS.currencySymbol,
          timeZone: validTimeZone(s.timezone),
        }),
      () => {},
    );
    return () => controller.abort();
  }, [source]);
  const update = useCallback((next: Partial<DisplaySettings>) => setSettings((s) => ({ ...s, ...next })), []);
  const value = useMemo(() => ({ ...settings, update }), [settings, update]);
  return <DisplayContext.Provider value={value}>{children}</DisplayContext.Provider>;
}

export function useDisplaySettings(): DisplayValue {
  return useContext(DisplayContext);
}
