// Light/dark theme: follows the OS (matchMedia) until the user picks one; the choice is persisted.
import { type Theme, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { readPreference, writePreference } from '../lib/storage';

export type ThemePreference = 'system' | 'light' | 'dark';
export type ThemeName = 'light' | 'dark';

interface ThemeValue {
  preference: ThemePreference;
  name: ThemeName;
  theme: Theme;
  setPreference(preference: ThemePreference): void;
}

const ThemeContext = createContext<ThemeValue | null>(null);
const DARK_QUERY = '(prefers-color-scheme: dark)';

function savedPreference(): ThemePreference {
  const saved = readPreference('theme');
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

function useSystemTheme(): ThemeName {
  const [dark, setDark] = useState(() => window.matchMedia(DARK_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(DARK_QUERY);
    const onChange = (event: MediaQueryListEvent) => setDark(event.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return dark ? 'dark' : 'light';
}

export function ThemeProvider({ children }: { children: (theme: Theme) => ReactNode }) {
  const [preference, setPreferenceState] = useState<ThemePreference>(savedPreference);
  const system = useSystemTheme();
  const name: ThemeName = preference === 'system' ? system : preference;
  const setPreference = useCallback((next: ThemePreference) => {
    writePreference('theme', next);
    setPreferenceState(next);
  }, []);
  useEffect(() => {
    document.documentElement.style.colorScheme = name;
    document.documentElement.dataset.theme = name;
  }, [name]);
  const value = useMemo<ThemeValue>(
    () => ({ preference, name, theme: name === 'dark' ? webDarkTheme : webLightTheme, setPreference }),
    [preference, name, setPreference],
  );
  return <ThemeContext.Provider value={value}>{children(value.theme)}</ThemeContext.Provider>;
}

export function useTheme(): ThemeValue {
  const value = useContext(ThemeContext);
  if (!value) throw new Error('useTheme outside ThemeProvider');
  return value;
}
