// The header's theme and language switches (also shown on the login and public usage pages).
import { Button, Menu, MenuItemRadio, MenuList, MenuPopover, MenuTrigger, Tooltip } from '@fluentui/react-components';
import { LocalLanguageRegular, WeatherMoonRegular, WeatherSunnyRegular } from '@fluentui/react-icons';
import type { Locale } from '../i18n/catalogue';
import { useI18n } from '../i18n/I18nProvider';
import { type ThemePreference, useTheme } from './theme';

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

export function ThemeSwitch() {
  const { t } = useI18n();
  const { preference, name, setPreference } = useTheme();
  const label = t('theme.label');
  return (
    <Menu
      checkedValues={{ theme: [preference] }}
      onCheckedValueChange={(_e, data) => {
        const next = data.checkedItems[0];
        if (next === 'system' || next === 'light' || next === 'dark') setPreference(next as ThemePreference);
      }}
    >
      <MenuTrigger disableButtonEnhancement>
        <Tooltip content={label} relationship="label">
          <Button
            appearance="subtle"
            data-testid="theme-switch"
            icon={name === 'dark' ? <WeatherMoonRegular /> : <WeatherSunnyRegular />}
          />
        </Tooltip>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItemRadio name="theme" value="system" data-testid="theme-system">
            {t('theme.system')}
          </MenuItemRadio>
          <MenuItemRadio name="theme" value="light" data-testid="theme-light">
            {t('theme.light')}
          </MenuItemRadio>
          <MenuItemRadio name="theme" value="dark" data-testid="theme-dark">
            {t('theme.dark')}
          </MenuItemRadio>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <Menu
      checkedValues={{ locale: [locale] }}
      onCheckedValueChange={(_e, data) => {
        const next = data.checkedItems[0];
        if (next === 'en' || next === 'zh-CN') setLocale(next);
      }}
    >
      <MenuTrigger disableButtonEnhancement>
        <Tooltip content={t('language.label')} relationship="label">
          <Button appearance="subtle" data-testid="language-switch" icon={<LocalLanguageRegular />} />
        </Tooltip>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {(Object.keys(LANGUAGE_NAMES) as Locale[]).map((code) => (
            <MenuItemRadio key={code} name="locale" value={code} data-testid={`language-${code}`}>
              {LANGUAGE_NAMES[code]}
            </MenuItemRadio>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
