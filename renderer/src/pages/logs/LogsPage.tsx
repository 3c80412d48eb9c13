// The request log: filters in the URL, keyset pages loaded as you scroll (no counts), live mode, detail drawer.
import { Button, Card, makeStyles, Switch, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular, ArrowDownloadRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { RequestRecord } from '../../../../shared/api-schemas';
import { API_BASE, queryString } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { isAbort } from '../../api/errors';
import { useApi } from '../../api/useApi';
import { usePagedList } from '../../api/usePagedList';
import { useSession } from '../../auth/AuthProvider';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { Empty, Loading } from '../../components/States';
import { useT } from '../../i18n/I18nProvider';
import { LogFilterBar } from './LogFilterBar';
import { LogTable } from './LogTable';
import { filtersFromParams, filtersKey, filtersToQuery, type LogFilters, withFilters } from './logFilters';
import { RequestDrawer } from './RequestDrawer';

const PAGE_SIZE = 100;
const LIVE_POLL_MS = 5000;

const useStyles = makeStyles({
  scroll: { overflowX: 'auto', padding: 0 },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

function useFilterOptions(admin: boolean) {
  const options = useApi(`log-options:${admin}`, async (signal) => {
    const [keys, users, providers] = await Promise.all([
      endpoints.keys({ limit: 500 }, signal),
      admin ? endpoints.users({ limit: 500 }, signal) : null,
      admin ? endpoints.providers(signal) : null,
    ]);
    return { keys: keys.items, users: users?.items, providers: providers?.items };
  });
  return options.data;
}

export default function LogsPage() {
  const t = useT();
  const styles = useStyles();
  const { access } = useSession();
  const { id: openId } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const key = filtersKey(filters);
  const live = params.get('live') === '1';
  const options = useFilterOptions(access === 'admin');

  const list = usePagedList(key, (cursor, signal) =>
    endpoints.requests({ ...filtersToQuery(filters), limit: PAGE_SIZE, cursor }, signal),
  );

  const { prepend } = list;
  useEffect(() => {
    if (!live) return;
    const controller = new AbortController();
    const timer = setInterval(() => {
      if (document.visibilityState === 'hidden') return;
      endpoints.requests({ ...filtersToQuery(filters), limit: PAGE_SIZE }, controller.signal).then(
        (page) => prepend(page.items),
        (err: unknown) => {
          // A failed live refresh is retried on the next tick; the list keeps what it shows.
          if (isAbort(err)) return;
        },
      );
    }, LIVE_POLL_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [live, filters, prepend]);

  const search = params.toString();
  const hrefOf = useCallback(
    (r: RequestRecord) => `/logs/${encodeURIComponent(r.id)}${search ? `?${search}` : ''}`,
    [search],
  );
  const open = useCallback((r: RequestRecord) => navigate(hrefOf(r)), [navigate, hrefOf]);
  const close = () => navigate(`/logs${search ? `?${search}` : ''}`);
  const applyFilters = (next: LogFilters) => setParams(withFilters(params, next));
  const setLive = (on: boolean) => {
    const next = new URLSearchParams(params);
    if (on) next.set('live', '1');
    else next.delete('live');
    setParams(next, { replace: true });
  };

  const openRow = openId ? list.items.find((r) => r.id === openId) : undefined;
  const optionList = <T extends { id: string; name: string }>(items: readonly T[] | undefined) =>
    items?.map((i) => ({ id: i.id, name: i.name }));

  return (
    <>
      <PageHeader
        title={t('nav.logs')}
        description={t('logs.description')}
        actions={
          <div className={styles.actions}>
            <Switch
              label={t('logs.live')}
              checked={live}
              onChange={(_e, d) => setLive(d.checked)}
              data-testid="logs-live"
            />
            <Button
              as="a"
              href={`${API_BASE}/requests/export.csv${queryString(filtersToQuery(filters))}`}
              download="requests.csv"
              icon={<ArrowDownloadRegular />}
            >
              {t('common.exportCsv')}
            </Button>
            <Button icon={<ArrowClockwiseRegular />} onClick={list.reload} data-testid="logs-refresh">
              {t('common.refresh')}
            </Button>
          </div>
        }
      />
      <LogFilterBar
        filters={filters}
        onChange={applyFilters}
        {...(options?.users ? { users: optionList(options.users) } : {})}
        {...(options?.keys ? { keys: optionList(options.keys) } : {})}
        {...(options?.providers ? { providers: optionList(options.providers) } : {})}
      />
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.items.length === 0 && list.loading ? <Loading /> : null}
      {list.items.length === 0 && !list.loading && !list.error ? <Empty>{t('logs.empty')}</Empty> : null}
      {list.items.length > 0 ? (
        <Card className={styles.scroll}>
          <LogTable rows={list.items} hrefOf={hrefOf} onOpen={open} showProvider={access === 'admin'} />
        </Card>
      ) : null}
      <LoadMore hasMore={list.hasMore} loading={list.loading && list.items.length > 0} onLoad={list.loadMore} />
      {openId ? (
        <RequestDrawer
          requestId={openId}
          initial={openRow}
          detailed
          onClose={close}
          onFilterSession={(sessionId) =>
            navigate(`/logs?${withFilters(new URLSearchParams(), { sessionId }).toString()}`)
          }
        />
      ) : null}
    </>
  );
}
