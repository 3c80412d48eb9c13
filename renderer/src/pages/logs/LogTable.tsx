// The request log as a dense table; a row (or its time link) opens the request's detail.
import {
  Badge,
  Caption1,
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { memo } from 'react';
import type { RequestRecord } from '../../../../shared/api-schemas';
import { HttpStatus } from '../../components/HttpStatus';
import { isPlainClick } from '../../components/RouterLink';
import { PHONE, useStackedTable } from '../../components/stackedTable';
import { EMPTY_VALUE } from '../../format/format';
import { type Formatters, useFormat } from '../../format/useFormat';
import type { Translate } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/I18nProvider';
import { priceMissing } from './costBreakdown';
import { blockedByText } from './reasonText';

const useStyles = makeStyles({
  table: { minWidth: '980px', tableLayout: 'auto', [PHONE]: { minWidth: '0' } },
  status: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  blocked: { color: tokens.colorPaletteMarigoldForeground2, fontSize: tokens.fontSizeBase200 },
  row: { cursor: 'pointer' },
  two: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  time: {
    whiteSpace: 'nowrap',
    color: tokens.colorNeutralForeground1,
    textDecoration: 'none',
    ':hover': { textDecoration: 'underline' },
  },
  num: { textAlign: 'end', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  numTwo: { display: 'flex', flexDirection: 'column', alignItems: 'flex-end' },
  numHead: { '& .fui-TableHeaderCell__button': { justifyContent: 'flex-end' } },
  unknown: { color: tokens.colorPaletteMarigoldForeground2 },
  badge: { marginInlineStart: tokens.spacingHorizontalXS },
});

interface RowProps {
  r: RequestRecord;
  showProvider: boolean;
  href: string;
  f: Formatters;
  t: Translate;
  onOpen(r: RequestRecord): void;
}

const LogRow = memo(function LogRow({ r, showProvider, href, f, t, onOpen }: RowProps) {
  const styles = useStyles();
  const cache = r.cacheReadTokens + r.cacheWrite5mTokens + r.cacheWrite1hTokens;
  return (
    <TableRow
      className={styles.row}
      data-testid="log-row"
      data-id={r.id}
      data-blocked={r.blockedBy ? 'true' : undefined}
      onClick={() => onOpen(r)}
    >
      <TableCell>
        <a
          className={styles.time}
          href={href}
          onClick={(e) => {
            if (!isPlainClick(e)) {
              e.stopPropagation();
              return;
            }
            e.preventDefault();
          }}
        >
          {f.shortDateTime(r.createdAt)}
        </a>
      </TableCell>
      <TableCell>
        <div className={styles.two}>
          <span>{r.userName ?? r.userId ?? EMPTY_VALUE}</span>
          <Caption1 className={styles.muted}>{r.keyName ?? r.keyId ?? ''}</Caption1>
        </div>
      </TableCell>
      {showProvider ? <TableCell data-phone-hidden>{r.providerName ?? r.providerId ?? EMPTY_VALUE}</TableCell> : null}
      <TableCell data-wide>
        <div className={styles.two}>
          <span>
            {r.model || EMPTY_VALUE}
            {r.transport === 'websocket' ? (
              <Badge className={styles.badge} appearance="outline" size="small" data-testid="log-transport">
                {t('logs.transportWebsocket')}
              </Badge>
            ) : null}
          </span>
          {r.upstreamModel && r.upstreamModel !== r.model ? (
            <Caption1 className={styles.muted}>→ {r.upstreamModel}</Caption1>
          ) : null}
        </div>
      </TableCell>
      <TableCell>
        <span className={styles.status}>
          <HttpStatus status={r.status} />
          {r.blockedBy ? (
            <span className={styles.blocked} data-testid="log-blocked">
              {t('logs.blocked')}: {blockedByText(r.blockedBy, t, r.errorClass)}
            </span>
          ) : null}
        </span>
      </TableCell>
      <TableCell className={styles.num} data-phone-hidden>
        <div className={styles.numTwo}>
          <span>
            {f.compact(r.inputTokens)} / {f.compact(r.outputTokens)}
          </span>
          {cache > 0 ? (
            <Caption1 className={styles.muted}>{t('logs.cacheShort', { count: f.compact(cache) })}</Caption1>
          ) : null}
        </div>
      </TableCell>
      <TableCell className={styles.num} data-label={t('logs.duration')}>
        <div className={styles.numTwo}>
          <span>{f.duration(r.durationMs)}</span>
          {r.ttfbMs !== null ? (
            <Caption1 className={styles.muted}>{t('logs.ttfbShort', { time: f.duration(r.ttfbMs) })}</Caption1>
          ) : null}
        </div>
      </TableCell>
      <TableCell className={styles.num} data-label={t('logs.cost')}>
        {priceMissing(r) ? (
          <span className={styles.unknown}>{t('logs.costUnknown')}</span>
        ) : r.costUsd === null ? (
          EMPTY_VALUE
        ) : (
          f.money(r.costUsd)
        )}
      </TableCell>
    </TableRow>
  );
});

export function LogTable({
  rows,
  hrefOf,
  onOpen,
  showProvider = true,
}: {
  rows: readonly RequestRecord[];
  /** Plain users never see providers (the API leaves them out). */
  showProvider?: boolean;
  hrefOf(r: RequestRecord): string;
  onOpen(r: RequestRecord): void;
}) {
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  const stacked = useStackedTable();
  return (
    <Table size="small" className={mergeClasses(styles.table, stacked.table)} aria-label={t('nav.logs')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('logs.time')}</TableHeaderCell>
          <TableHeaderCell>{t('logs.userKey')}</TableHeaderCell>
          {showProvider ? <TableHeaderCell>{t('scope.provider')}</TableHeaderCell> : null}
          <TableHeaderCell>{t('logs.model')}</TableHeaderCell>
          <TableHeaderCell>{t('logs.status')}</TableHeaderCell>
          <TableHeaderCell className={styles.numHead}>{t('logs.tokensInOut')}</TableHeaderCell>
          <TableHeaderCell className={styles.numHead}>{t('logs.duration')}</TableHeaderCell>
          <TableHeaderCell className={styles.numHead}>{t('logs.cost')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <LogRow key={r.id} r={r} showProvider={showProvider} href={hrefOf(r)} f={f} t={t} onOpen={onOpen} />
        ))}
      </TableBody>
    </Table>
  );
}
