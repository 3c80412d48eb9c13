// The signed-in layout: navigation (real links), the header with theme/language/account, and the page outlet.
import {
  Badge,
  Button,
  Hamburger,
  makeStyles,
  mergeClasses,
  NavDrawer,
  NavDrawerBody,
  NavItem,
  Text,
  Tooltip,
  tokens,
} from '@fluentui/react-components';
import {
  Alert20Filled,
  Alert20Regular,
  Board20Filled,
  Board20Regular,
  Book20Filled,
  Book20Regular,
  bundleIcon,
  ChatMultiple20Filled,
  ChatMultiple20Regular,
  DatabaseArrowDown20Filled,
  DatabaseArrowDown20Regular,
  DataUsage20Filled,
  DataUsage20Regular,
  type FluentIcon,
  HeartPulse20Filled,
  HeartPulse20Regular,
  History20Filled,
  History20Regular,
  Key20Filled,
  Key20Regular,
  People20Filled,
  People20Regular,
  PlugConnected20Filled,
  PlugConnected20Regular,
  Rocket20Filled,
  Rocket20Regular,
  Settings20Filled,
  Settings20Regular,
  ShieldError20Filled,
  ShieldError20Regular,
  ShieldProhibited20Filled,
  ShieldProhibited20Regular,
  SignOutRegular,
  Tag20Filled,
  Tag20Regular,
  TextBulletListLtr20Filled,
  TextBulletListLtr20Regular,
  Trophy20Filled,
  Trophy20Regular,
} from '@fluentui/react-icons';
import { type ReactElement, Suspense, useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { endpoints } from '../api/endpoints';
import { useApi } from '../api/useApi';
import { useAuth, useSession } from '../auth/AuthProvider';
import { isPlainClick } from '../components/RouterLink';
import { Loading } from '../components/States';
import { Brand } from '../frame/Brand';
import { LanguageSwitch, ThemeSwitch } from '../frame/Preferences';
import { useT } from '../i18n/I18nProvider';
import { activeEntry, navFor, type PageId } from './nav';
import { useMediaQuery } from './useMediaQuery';

/** A navigation icon: regular, filled while its item is selected (Fluent's bundled icons). */
function navIcon(Filled: FluentIcon, Regular: FluentIcon): ReactElement {
  const Bundled = bundleIcon(Filled, Regular);
  return <Bundled />;
}

const ICONS: Record<PageId, ReactElement> = {
  dashboard: navIcon(Board20Filled, Board20Regular),
  me: navIcon(DataUsage20Filled, DataUsage20Regular),
  providers: navIcon(PlugConnected20Filled, PlugConnected20Regular),
  users: navIcon(People20Filled, People20Regular),
  keys: navIcon(Key20Filled, Key20Regular),
  logs: navIcon(TextBulletListLtr20Filled, TextBulletListLtr20Regular),
  leaderboard: navIcon(Trophy20Filled, Trophy20Regular),
  prices: navIcon(Tag20Filled, Tag20Regular),
  settings: navIcon(Settings20Filled, Settings20Regular),
  audit: navIcon(History20Filled, History20Regular),
  docs: navIcon(Book20Filled, Book20Regular),
  // backup and configuration transfer
  backup: navIcon(DatabaseArrowDown20Filled, DatabaseArrowDown20Regular),
  contentRules: navIcon(ShieldProhibited20Filled, ShieldProhibited20Regular),
  notifications: navIcon(Alert20Filled, Alert20Regular),
  // Operations
  availability: navIcon(HeartPulse20Filled, HeartPulse20Regular),
  sessions: navIcon(ChatMultiple20Filled, ChatMultiple20Regular),
  errorRules: navIcon(ShieldError20Filled, ShieldError20Regular),
  setup: navIcon(Rocket20Filled, Rocket20Regular),
};

const useStyles = makeStyles({
  root: {
    display: 'flex',
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  // The page scrolls as a whole (so full-page captures and browser find work); navigation and header stay put.
  nav: { minWidth: '220px', width: '220px', position: 'sticky', top: 0, height: '100vh' },
  // The navigation's own background, down the whole page however long it scrolls.
  navColumn: { backgroundColor: tokens.colorNeutralBackground4, flexShrink: 0 },
  navColumnClosed: { backgroundColor: 'transparent' },
  column: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    minHeight: '48px',
    boxSizing: 'border-box',
    position: 'sticky',
    top: 0,
    zIndex: 2,
  },
  spacer: { flexGrow: 1 },
  main: {
    flexGrow: 1,
    minWidth: 0,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL} ${tokens.spacingVerticalXXL}`,
  },
  mainNarrow: { padding: tokens.spacingHorizontalM },
});

function AccountArea() {
  const t = useT();
  const { logout } = useAuth();
  const { access, session } = useSession();
  const navigate = useNavigate();
  const narrow = useMediaQuery('(max-width: 600px)');
  // Who is signed in: a user's own name (the admin token has none).
  const me = useApi(`me:${session.userId ?? 'admin'}`, (s) =>
    session.userId ? endpoints.me(s) : Promise.resolve(null),
  );
  const roleLabel = access === 'admin' ? t('role.admin') : access === 'member' ? t('role.member') : t('role.viewer');
  return (
    <>
      {me.data?.user && !narrow ? (
        <Text weight="semibold" data-testid="account-name" truncate wrap={false}>
          {me.data.user.name}
        </Text>
      ) : null}
      <Badge appearance="tint" color={access === 'admin' ? 'brand' : 'informative'} data-testid="role-badge">
        {roleLabel}
      </Badge>
      <Tooltip content={t('auth.logout')} relationship="label">
        <Button
          appearance="subtle"
          icon={<SignOutRegular />}
          data-testid="logout"
          onClick={() => {
            logout().then(() => navigate('/login'));
          }}
        />
      </Tooltip>
    </>
  );
}

export function Shell() {
  const styles = useStyles();
  const t = useT();
  const { access } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const narrow = useMediaQuery('(max-width: 900px)');
  const [open, setOpen] = useState(!narrow);
  useEffect(() => setOpen(!narrow), [narrow]);
  const entries = navFor(access);
  const active = activeEntry(location.pathname, entries);
  useEffect(() => {
    document.title = active ? `${t(active.label)} · cchub` : 'cchub';
  }, [active, t]);

  return (
    <div className={styles.root}>
      <div className={mergeClasses(styles.navColumn, (narrow || !open) && styles.navColumnClosed)}>
        <NavDrawer
          className={styles.nav}
          open={open}
          type={narrow ? 'overlay' : 'inline'}
          selectedValue={active?.id ?? ''}
          onOpenChange={(_e, data) => setOpen(data.open)}
          aria-label={t('nav.label')}
        >
          <Brand />
          <NavDrawerBody>
            {entries.map((entry) => (
              <NavItem
                key={entry.id}
                value={entry.id}
                href={entry.path}
                icon={ICONS[entry.id]}
                data-testid={`nav-${entry.id}`}
                onClick={(event) => {
                  if (!isPlainClick(event)) return;
                  event.preventDefault();
                  navigate(entry.path);
                  if (narrow) setOpen(false);
                }}
              >
                {t(entry.label)}
              </NavItem>
            ))}
          </NavDrawerBody>
        </NavDrawer>
      </div>
      <div className={styles.column}>
        <header className={styles.header}>
          {narrow ? <Hamburger onClick={() => setOpen((o) => !o)} aria-label={t('nav.label')} /> : null}
          <div className={styles.spacer} />
          <LanguageSwitch />
          <ThemeSwitch />
          <AccountArea />
        </header>
        <main className={mergeClasses(styles.main, narrow && styles.mainNarrow)}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
