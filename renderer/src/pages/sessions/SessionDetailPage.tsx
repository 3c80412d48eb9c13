// One session: who and what it was, ending it while live, and its timeline of requests with chains and bodies.
import { Badge, Button, Caption1, Card, makeStyles, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular, StopRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { SessionTurn } from '../../../../shared/operations-schemas';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { usePagedList } from '../../api/usePagedList';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Facts } from '../../components/Facts';
import { HttpStatus } from '../../components/HttpStatus';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { RouterLink } from '../../components/RouterLink';
import { Empty, Loading } from '../../components/States';
import { EMPTY_VALUE } from '../../format/format';
import { useFormat } from '../../format/useFormat';
import { useNotify } from '../../frame/toast';
import { useT } from '../../i18n/I18nProvider';
import { CapturedBodies } from '../logs/CapturedBodies';
import { DecisionTimeline } from '../logs/DecisionTimeline';

const PAGE_SIZE = 50;

const useStyles = makeStyles({
  card: { marginBottom: tokens.spacingVerticalL, gap: tokens.spacingVerticalS },
  turns: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  turn: { borderLeft: `3px solid ${tokens.colorBrandStroke1}`, paddingLeft: tokens.spacingHorizontalM },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  muted: { color: tokens.colorNeutralForeground3 },
  detail: { paddingTop: tokens.spacingVerticalS },
});

function TurnDetail({ turn }: { turn: SessionTurn }) {
  const t = useT();
  const styles = useStyles();
  const detail = useApi(`turn:${turn.id}`, (s) =>
    turn.hasBodies ? endpoints.request(turn.id, s) : Promise.resolve(undefined),
  );
  return (
    <div className={styles.detail} data-testid="turn-detail">
      <DecisionTimeline steps={turn.decisionChain} />
      {turn.hasBodies ? (
        detail.data ? (
          <CapturedBodies record={detail.data} />
        ) : (
          <ErrorMessage error={detail.error} onRetry={detail.reload} />
        )
      ) : (
        <Caption1 className={styles.muted}>{t('sessions.noBodies')}</Caption1>
      )}
    </div>
  );
}

function Turn({ turn, index }: { turn: SessionTurn; index: number }) {
  const t = useT();
  const fmt = useFormat();
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  return (
    <li className={styles.turn} data-testid="session-turn" data-id={turn.id}>
      <div className={styles.head}>
        <Button
          appearance="subtle"
          size="small"
          icon={open ? <ChevronDownRegular /> : <ChevronRightRegular />}
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-label={t('sessions.showDetail')}
          data-testid="turn-toggle"
        />
        <Text weight="semibold">#{index + 1}</Text>
        <Text>{fmt.dateTime(turn.createdAt)}</Text>
        <HttpStatus status={turn.status} />
        <Text className={styles.mono}>{turn.model ?? EMPTY_VALUE}</Text>
        <Text className={styles.muted}>{turn.providerName ?? EMPTY_VALUE}</Text>
        <Text className={styles.muted}>
          {fmt.compact(turn.inputTokens)} / {fmt.compact(turn.outputTokens)} · {fmt.duration(turn.durationMs)} ·{' '}
          {fmt.money(turn.costUsd)}
        </Text>
      </div>
      {open ? <TurnDetail turn={turn} /> : null}
    </li>
  );
}

export default function SessionDetailPage() {
  const t = useT();
  const fmt = useFormat();
  const notify = useNotify();
  const styles = useStyles();
  const sessionId = useParams().sessionId ?? '';
  const [ending, setEnding] = useState(false);
  const summary = useApi(`session:${sessionId}`, (s) => endpoints.sessionSummary(sessionId, s));
  const turns = usePagedList(sessionId, (cursor, signal) =>
    endpoints.sessionTurns(sessionId, { limit: PAGE_SIZE, cursor }, signal),
  );
  const s = summary.data;
  return (
    <>
      <PageHeader
        title={t('sessions.session')}
        description={sessionId}
        actions={
          <>
            <RouterLink href="/sessions">{t('sessions.back')}</RouterLink>
            {s?.live ? (
              <Button icon={<StopRegular />} onClick={() => setEnding(true)} data-testid="session-end">
                {t('sessions.end')}
              </Button>
            ) : null}
          </>
        }
      />
      <ErrorMessage error={summary.error} onRetry={summary.reload} />
      {s ? (
        <Card className={styles.card} data-testid="session-summary">
          <Facts
            items={[
              [t('sessions.user'), `${s.userName ?? EMPTY_VALUE}${s.keyName ? ` · ${s.keyName}` : ''}`],
              [t('sessions.client'), s.client ?? EMPTY_VALUE],
              [t('availability.provider'), s.providerName ?? EMPTY_VALUE],
              [t('sessions.turns'), fmt.number(s.turns)],
              [t('sessions.tokens'), `${fmt.number(s.inputTokens)} / ${fmt.number(s.outputTokens)}`],
              [t('logs.cost'), fmt.money(s.costUsd)],
              [t('sessions.firstSeen'), fmt.dateTime(s.firstSeenAt)],
              [t('sessions.lastSeen'), fmt.dateTime(s.lastSeenAt)],
              [
                t('common.status'),
                s.live ? (
                  <Badge key="live" appearance="tint" color="success" data-testid="session-live">
                    {t('sessions.live')}
                    {s.inFlight > 0 ? ` · ${t('sessions.inFlight', { count: s.inFlight })}` : ''}
                  </Badge>
                ) : (
                  EMPTY_VALUE
                ),
              ],
            ]}
          />
        </Card>
      ) : summary.loading ? (
        <Loading />
      ) : null}
      <Card className={styles.card}>
        <Subtitle2 as="h2">{t('sessions.timeline')}</Subtitle2>
        <ErrorMessage error={turns.error} onRetry={turns.reload} />
        {turns.items.length === 0 && !turns.loading && !turns.error ? <Empty>{t('sessions.noTurns')}</Empty> : null}
        <ol className={styles.turns}>
          {turns.items.map((turn, i) => (
            <Turn key={turn.id} turn={turn} index={i} />
          ))}
        </ol>
        <LoadMore hasMore={turns.hasMore} loading={turns.loading} onLoad={turns.loadMore} />
      </Card>
      {ending ? (
        <ConfirmDialog
          title={t('sessions.endTitle')}
          confirmLabel={t('sessions.end')}
          onConfirm={() =>
            endpoints.endSession(sessionId).then(() => {
              notify(t('sessions.ended'));
              summary.reload();
            })
          }
          onClose={() => setEnding(false)}
        >
          {t('sessions.endBody')}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
