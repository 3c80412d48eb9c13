// Prices: search, pages of 20/50/100/200 (in the URL, keyset cursors), per-model edit, import from file or URL.
import {
  Badge,
  Button,
  Card,
  makeStyles,
  SearchBox,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  AddRegular,
  ArrowDownloadRegular,
  ChevronLeftRegular,
  ChevronRightRegular,
  EditRegular,
} from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { Price } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { Empty, Loading } from '../../components/States';
import { EMPTY_VALUE } from '../../format/format';
import { useFormat } from '../../format/useFormat';
import { useNotify } from '../../frame/toast';
import { useT } from '../../i18n/I18nProvider';
import { PriceEditDialog } from './PriceEditDialog';
import { PriceImportDialog } from './PriceImportDialog';
import { perMillion } from './priceFields';
import { cursorStack, PAGE_SIZES, type PageSize, type PriceView, paramsFromView, viewFromParams } from './pricePaging';

const useStyles = makeStyles({
  toolbar: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    flexWrap: 'wrap',
    marginBottom: tokens.spacingVerticalM,
  },
  search: { minWidth: '280px', flexGrow: 1, maxWidth: '480px' },
  scroll: { overflowX: 'auto', padding: 0 },
  table: { tableLayout: 'auto', minWidth: '860px' },
  num: { textAlign: 'end', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  numHead: { '& .fui-TableHeaderCell__button': { justifyContent: 'flex-end' } },
  pager: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    justifyContent: 'flex-end',
    marginTop: tokens.spacingVerticalM,
  },
  model: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

export default function PricesPage() {
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  const notify = useNotify();
  const location = useLocation();
  const navigate = useNavigate();
  const view = viewFromParams(new URLSearchParams(location.search));
  const stack = cursorStack(location.state);
  const [searchText, setSearchText] = useState(view.search);
  const [editing, setEditing] = useState<Price | null | 'new'>(null);
  const [importing, setImporting] = useState(false);
  useEffect(() => setSearchText(view.search), [view.search]);

  const go = (next: PriceView, cursors: (string | null)[], replace = false) =>
    navigate({ pathname: '/prices', search: paramsFromView(next).toString() }, { state: { cursors }, replace });

  // Typing searches after a short pause, always from the first page.
  useEffect(() => {
    if (searchText.trim() === view.search) return;
    const timer = setTimeout(() => go({ ...view, search: searchText.trim(), cursor: null }, [], true), 300);
    return () => clearTimeout(timer);
  });

  const prices = useApi(`prices:${view.search}:${view.size}:${view.cursor ?? ''}`, (s) =>
    endpoints.prices({ search: view.search || undefined, limit: view.size, cursor: view.cursor ?? undefined }, s),
  );
  const items = prices.data?.items ?? [];
  const money = (data: Record<string, unknown>, field: string) => {
    const v = perMillion(data, field);
    return v === null ? EMPTY_VALUE : f.money(v);
  };
  // A deep link into the middle of the list has no history of earlier cursors: Previous then goes to the start.
  const page = view.cursor !== null && stack.length === 0 ? null : stack.length + 1;

  return (
    <>
      <PageHeader
        title={t('nav.prices')}
        description={t('prices.description')}
        actions={
          <>
            <Button icon={<ArrowDownloadRegular />} onClick={() => setImporting(true)} data-testid="prices-import">
              {t('prices.import')}
            </Button>
            <Button appearance="primary" icon={<AddRegular />} onClick={() => setEditing('new')}>
              {t('prices.add')}
            </Button>
          </>
        }
      />
      <div className={styles.toolbar}>
        <SearchBox
          className={styles.search}
          placeholder={t('prices.search')}
          value={searchText}
          onChange={(_e, d) => setSearchText(d.value)}
          data-testid="prices-search"
        />
        <Select
          aria-label={t('common.pageSize')}
          value={String(view.size)}
          onChange={(_e, d) => go({ ...view, size: Number(d.value) as PageSize, cursor: null }, [])}
          data-testid="prices-size"
        >
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {t('common.perPage', { count: n })}
            </option>
          ))}
        </Select>
      </div>
      <ErrorMessage error={prices.error} onRetry={prices.reload} />
      {!prices.data && prices.loading ? <Loading /> : null}
      {prices.data && items.length === 0 ? <Empty>{t('prices.empty')}</Empty> : null}
      {items.length > 0 ? (
        <Card className={styles.scroll}>
          <Table size="small" className={styles.table} aria-label={t('nav.prices')} data-testid="prices-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('logs.model')}</TableHeaderCell>
                <TableHeaderCell>{t('prices.source')}</TableHeaderCell>
                <TableHeaderCell className={styles.numHead}>
                  {t('prices.perMillionColumn', { column: t('tokens.input') })}
                </TableHeaderCell>
                <TableHeaderCell className={styles.numHead}>
                  {t('prices.perMillionColumn', { column: t('tokens.output') })}
                </TableHeaderCell>
                <TableHeaderCell className={styles.numHead}>
                  {t('prices.perMillionColumn', { column: t('tokens.cacheRead') })}
                </TableHeaderCell>
                <TableHeaderCell className={styles.numHead}>
                  {t('prices.perMillionColumn', { column: t('tokens.cacheWrite5m') })}
                </TableHeaderCell>
                <TableHeaderCell className={styles.numHead}>{t('prices.contextTokens')}</TableHeaderCell>
                <TableHeaderCell />
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((p) => {
                const context = p.priceData.max_input_tokens;
                return (
                  <TableRow key={p.model} data-testid="price-row" data-model={p.model}>
                    <TableCell>
                      <span className={styles.model}>{p.model}</span>
                    </TableCell>
                    <TableCell>
                      <Badge
                        appearance="tint"
                        color={p.source === 'manual' ? 'brand' : p.source === 'import' ? 'informative' : 'subtle'}
                      >
                        {t(`prices.source.${p.source}`)}
                      </Badge>
                    </TableCell>
                    <TableCell className={styles.num}>{money(p.priceData, 'input_cost_per_token')}</TableCell>
                    <TableCell className={styles.num}>{money(p.priceData, 'output_cost_per_token')}</TableCell>
                    <TableCell className={styles.num}>{money(p.priceData, 'cache_read_input_token_cost')}</TableCell>
                    <TableCell className={styles.num}>
                      {money(p.priceData, 'cache_creation_input_token_cost')}
                    </TableCell>
                    <TableCell className={styles.num}>
                      {typeof context === 'number' ? f.compact(context) : EMPTY_VALUE}
                    </TableCell>
                    <TableCell>
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<EditRegular />}
                        aria-label={t('common.edit')}
                        onClick={() => setEditing(p)}
                      />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Card>
      ) : null}
      <div className={styles.pager}>
        {page !== null ? <Text>{t('common.page', { page })}</Text> : null}
        <Button
          icon={<ChevronLeftRegular />}
          disabled={view.cursor === null}
          data-testid="prices-prev"
          onClick={() => go({ ...view, cursor: stack[stack.length - 1] ?? null }, stack.slice(0, -1))}
        >
          {t('common.previous')}
        </Button>
        <Button
          icon={<ChevronRightRegular />}
          iconPosition="after"
          disabled={!prices.data?.nextCursor}
          data-testid="prices-next"
          onClick={() => go({ ...view, cursor: prices.data?.nextCursor ?? null }, [...stack, view.cursor])}
        >
          {t('common.next')}
        </Button>
      </div>
      <Text size={200}>{t('prices.perMillionNote')}</Text>
      {editing ? (
        <PriceEditDialog
          price={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            notify(t('prices.saved', { model: saved.model }));
            prices.reload();
          }}
        />
      ) : null}
      {importing ? <PriceImportDialog onClose={() => setImporting(false)} onImported={prices.reload} /> : null}
    </>
  );
}
