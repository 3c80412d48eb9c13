// The formatters bound to the current locale, currency symbol and hub timezone.
import { useMemo } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useDisplaySettings } from './DisplayProvider';
import * as f from './format';

export function useFormat() {
  const { locale } = useI18n();
  const { currencySymbol, timeZone } = useDisplaySettings();
  return useMemo(() => {
    const ctx: f.FormatContext = { locale, currencySymbol, timeZone };
    return {
      locale,
      money: (usd: number | null | undefined) => f.formatMoney(usd, ctx),
      number: (n: number | null | undefined) => f.formatNumber(n, locale),
      compact: (n: number | null | undefined) => f.formatCompact(n, locale),
      percent: (ratio: number | null | undefined, digits?: number) => f.formatPercent(ratio, locale, digits),
      duration: (ms: number | null | undefined) => f.formatDuration(ms, locale),
      countdown: (ms: number) => f.formatCountdown(ms, locale),
      dateTime: (value: string | number | null | undefined) => f.formatDateTime(value, ctx),
      shortDateTime: (value: string | number | null | undefined) => f.formatShortDateTime(value, ctx),
      date: (value: string | number | null | undefined) => f.formatDate(value, ctx),
      bucket: (value: string | number, hourly: boolean) => f.formatBucket(value, hourly, ctx),
    };
  }, [locale, currencySymbol, timeZone]);
}

export type Formatters = ReturnType<typeof useFormat>;
