// My own request log (GET /me/requests), paged as I scroll, each row opening its detail.
import { Card, makeStyles } from '@fluentui/react-components';
import { useState } from 'react';
import type { RequestRecord } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { usePagedList } from '../../api/usePagedList';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LoadMore } from '../../components/LoadMore';
import { Empty, Loading } from '../../components/States';
import { useT } from '../../i18n/I18nProvider';
import { LogTable } from '../logs/LogTable';
import { RequestDrawer } from '../logs/RequestDrawer';

const useStyles = makeStyles({ scroll: { overflowX: 'auto', padding: 0 } });

export function MyRequests() {
  const t = useT();
  const styles = useStyles();
  const list = usePagedList('me-requests', (cursor, signal) => endpoints.myRequests({ limit: 50, cursor }, signal));
  const [open, setOpen] = useState<RequestRecord | null>(null);
  return (
    <>
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.items.length === 0 && list.loading ? <Loading /> : null}
      {list.items.length === 0 && !list.loading && !list.error ? <Empty>{t('logs.empty')}</Empty> : null}
      {list.items.length > 0 ? (
        <Card className={styles.scroll}>
          <LogTable rows={list.items} hrefOf={() => '/me'} onOpen={setOpen} showProvider={false} />
        </Card>
      ) : null}
      <LoadMore
        hasMore={list.hasMore}
        loading={list.loading && list.items.length > 0}
        onLoad={list.loadMore}
        auto={false}
      />
      {open ? (
        <RequestDrawer requestId={open.id} initial={open} detailed={false} onClose={() => setOpen(null)} />
      ) : null}
    </>
  );
}
