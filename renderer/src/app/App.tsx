// The console's providers: style renderer (CSP nonce), theme, language, session, display settings, router.
import {
  FluentProvider,
  type GriffelRenderer,
  makeStaticStyles,
  RendererProvider,
  Toaster,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { BrowserRouter } from 'react-router';
import { AuthProvider, useAuth } from '../auth/AuthProvider';
import { DisplayProvider } from '../format/DisplayProvider';
import { ThemeProvider } from '../frame/theme';
import { TOASTER_ID } from '../frame/toast';
import { I18nProvider } from '../i18n/I18nProvider';
import { AppRoutes } from './AppRoutes';

const useGlobalStyles = makeStaticStyles({
  'html, body': { margin: 0, padding: 0, height: '100%' },
  '#root': { minHeight: '100%' },
  'h1, h2, h3, h4, p, dl, dd': { margin: 0 },
  code: { fontFamily: 'Consolas, "Cascadia Mono", Menlo, "DejaVu Sans Mono", monospace', fontSize: '0.92em' },
});

function DisplaySettingsForSession({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const source = state.status === 'signed-in' ? '/me' : null;
  return <DisplayProvider source={source}>{children}</DisplayProvider>;
}

function Styled() {
  useGlobalStyles();
  return null;
}

export function App({ renderer }: { renderer: GriffelRenderer }) {
  return (
    <RendererProvider renderer={renderer} targetDocument={document}>
      <I18nProvider>
        <ThemeProvider>
          {(theme) => (
            <FluentProvider theme={theme} style={{ minHeight: '100%' }}>
              <Styled />
              <Toaster toasterId={TOASTER_ID} position="bottom-end" />
              <AuthProvider>
                <DisplaySettingsForSession>
                  <BrowserRouter>
                    <AppRoutes />
                  </BrowserRouter>
                </DisplaySettingsForSession>
              </AuthProvider>
            </FluentProvider>
          )}
        </ThemeProvider>
      </I18nProvider>
    </RendererProvider>
  );
}
