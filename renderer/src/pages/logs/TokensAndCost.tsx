// Tokens by category for one request, with the cost split across them from the model's price entry.
import {
  Caption1,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import type { RequestRecord } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { EMPTY_VALUE } from '../../format/format';
import { useFormat } from '../../format/useFormat';
import type { MessageKey } from '../../i18n/catalogue';
import { useT } from '../../i18n/I18nProvider';
import { type CostCategory, costBreakdown, impliedMultiplier, priceMissing } from './costBreakdown';

const LABELS: Record<CostCategory, MessageKey> = {
  input: 'tokens.input',
  output: 'tokens.output',
  cacheWrite5m: 'tokens.cacheWrite5m',
  cacheWrite1h: 'tokens.cacheWrite1h',
  cacheRead: 'tokens.cacheRead',
  perRequest: 'tokens.perRequest',
};

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground3 },
  total: { fontWeight: tokens.fontWeightSemibold },
});

export function TokensAndCost({ record, priced }: { record: RequestRecord; priced: boolean }) {
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  const model = record.model ?? '';
  const price = useApi(`price:${priced ? model : ''}`, (s) =>
    priced && model ? endpoints.price(model, s).catch(() => null) : Promise.resolve(null),
  );
  const parts = costBreakdown(record, price.data?.priceData);
  const costOf = (c: CostCategory) => parts?.find((p) => p.category === c);
  const multiplier = impliedMultiplier(record, price.data?.priceData);
  const rows: [CostCategory, number][] = [
    ['input', record.inputTokens],
    ['output', record.outputTokens],
    ['cacheWrite5m', record.cacheWrite5mTokens],
    ['cacheWrite1h', record.cacheWrite1hTokens],
    ['cacheRead', record.cacheReadTokens],
  ];
  const perRequest = costOf('perRequest');
  return (
    <>
      <Table size="small" data-testid="token-breakdown" aria-label={t('logs.tokens')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('logs.category')}</TableHeaderCell>
            <TableHeaderCell>{t('logs.tokens')}</TableHeaderCell>
            <TableHeaderCell>{t('logs.unitPrice')}</TableHeaderCell>
            <TableHeaderCell>{t('logs.cost')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map(([category, count]) => {
            const part = costOf(category);
            return (
              <TableRow key={category} data-testid="token-row" data-category={category}>
                <TableCell>{t(LABELS[category])}</TableCell>
                <TableCell data-testid="token-count">{f.number(count)}</TableCell>
                <TableCell>
                  {part ? t('logs.perMillion', { price: f.money(part.unitPrice * 1e6) }) : EMPTY_VALUE}
                </TableCell>
                <TableCell>{part ? f.money(part.costUsd) : EMPTY_VALUE}</TableCell>
              </TableRow>
            );
          })}
          {perRequest ? (
            <TableRow>
              <TableCell>{t(LABELS.perRequest)}</TableCell>
              <TableCell>1</TableCell>
              <TableCell>{f.money(perRequest.unitPrice)}</TableCell>
              <TableCell>{f.money(perRequest.costUsd)}</TableCell>
            </TableRow>
          ) : null}
          <TableRow>
            <TableCell className={styles.total}>{t('common.total')}</TableCell>
            <TableCell className={styles.total}>{f.number(rows.reduce((sum, [, n]) => sum + n, 0))}</TableCell>
            <TableCell />
            <TableCell className={styles.total} data-testid="cost-total">
              {priceMissing(record) ? t('logs.costUnknown') : f.money(record.costUsd)}
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
      {multiplier !== null && Math.abs(multiplier - 1) > 1e-6 ? (
        <Caption1 className={styles.muted}>{t('logs.multiplierNote', { multiplier: f.number(multiplier) })}</Caption1>
      ) : null}
      {priceMissing(record) ? <Caption1 className={styles.muted}>{t('logs.noPriceNote')}</Caption1> : null}
    </>
  );
}
