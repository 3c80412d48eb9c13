// Sessions with a request in flight right now: who, through which provider, how many requests so far.
import {
  Badge,
  Card,
  CardHeader,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import type { Names } from '../../api/useNames';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ShortId } from '../../components/ShortId';
import { Empty } from '../../components/States';
import { EMPTY_VALUE } from '../../format/format';
import { useFormat } from '../../format/useFormat';
import { useT } from '../../i18n/I18nProvider';

export function LiveSessions({ names }: { names: Names }) {
  const t = useT();
  const f = useFormat();
  const sessions = useApi('sessions', (s) => endpoints.sessions(true, s), 3000);
  const items = sessions.data?.items ?? [];
  return (
    <Card data-testid="live-sessions">
      <CardHeader
        header={<Text weight="semibold">{t('dashboard.liveSessions')}</Text>}
        action={
          <Badge appearance="tint" color={items.length > 0 ? 'brand' : 'informative'}>
            {f.number(items.length)}
          </Badge>
        }
      />
      {sessions.error ? <ErrorMessage error={sessions.error} /> : null}
      {sessions.data && items.length === 0 ? <Empty>{t('dashboard.noSessions')}</Empty> : null}
      {items.length > 0 ? (
        <Table size="small" aria-label={t('dashboard.liveSessions')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('logs.session')}</TableHeaderCell>
              <TableHeaderCell>{t('scope.user')}</TableHeaderCell>
              <TableHeaderCell>{t('scope.provider')}</TableHeaderCell>
              <TableHeaderCell>{t('metric.requests')}</TableHeaderCell>
              <TableHeaderCell>{t('dashboard.inFlightShort')}</TableHeaderCell>
              <TableHeaderCell>{t('dashboard.lastSeen')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((s) => (
              <TableRow key={s.sessionId}>
                <TableCell>
                  <ShortId value={s.sessionId} />
                </TableCell>
                <TableCell>{names.user(s.userId) ?? s.userId ?? EMPTY_VALUE}</TableCell>
                <TableCell>{names.provider(s.providerId) ?? s.providerId ?? EMPTY_VALUE}</TableCell>
                <TableCell>{f.number(s.requests)}</TableCell>
                <TableCell>{f.number(s.inFlight)}</TableCell>
                <TableCell>{f.shortDateTime(s.lastSeenAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </Card>
  );
}
