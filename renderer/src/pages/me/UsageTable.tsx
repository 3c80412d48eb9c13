// Usage rows (per model or per key) as a compact table: requests, cost, tokens, cache reads.
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { LeaderboardItem } from '../../../../shared/api-schemas';
import { useFormat } from '../../format/useFormat';
import { useT } from '../../i18n/I18nProvider';

export function UsageTable({
  items,
  nameLabel,
  testId,
}: {
  items: readonly LeaderboardItem[];
  nameLabel: string;
  testId?: string;
}) {
  const t = useT();
  const f = useFormat();
  return (
    <Table size="small" aria-label={nameLabel} data-testid={testId}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{nameLabel}</TableHeaderCell>
          <TableHeaderCell>{t('metric.requests')}</TableHeaderCell>
          <TableHeaderCell>{t('metric.cost')}</TableHeaderCell>
          <TableHeaderCell>{t('logs.tokensInOut')}</TableHeaderCell>
          <TableHeaderCell>{t('tokens.cacheRead')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => (
          <TableRow key={item.id}>
            <TableCell>{item.name}</TableCell>
            <TableCell>{f.number(item.requests)}</TableCell>
            <TableCell>{f.money(item.costUsd)}</TableCell>
            <TableCell>
              {f.compact(item.inputTokens)} / {f.compact(item.outputTokens)}
            </TableCell>
            <TableCell>{f.compact(item.cacheReadTokens)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
