// One logged request in a side drawer: summary, timings, tokens and cost, the decision chain, captured bodies.
import {
  Button,
  Caption1,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  MessageBar,
  MessageBarBody,
  makeStyles,
  OverlayDrawer,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular, FilterRegular } from '@fluentui/react-icons';
import type { RequestRecord } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { useSession } from '../../auth/AuthProvider';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Facts } from '../../components/Facts';
import { HttpStatus } from '../../components/HttpStatus';
import { Loading } from '../../components/States';
import { EMPTY_VALUE } from '../../format/format';
import { useFormat } from '../../format/useFormat';
import { useT } from '../../i18n/I18nProvider';
import { CapturedBodies } from './CapturedBodies';
import { DecisionTimeline } from './DecisionTimeline';
import { blockedByText } from './reasonText';
import { TokensAndCost } from './TokensAndCost';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginBottom: tokens.spacingVerticalXL,
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  idRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});

export interface RequestDrawerProps {
  requestId: string;
  /** The row as listed (the list carries every field), shown at once; the detail is fetched when allowed. */
  initial: RequestRecord | undefined;
  /** Whether this principal may read /requests/{id} and prices (not the read-only "my usage" session). */
  detailed: boolean;
  onClose(): void;
  onFilterSession?(sessionId: string): void;
}

export function RequestDrawer({ requestId, initial, detailed, onClose, onFilterSession }: RequestDrawerProps) {
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  const admin = useSession().access === 'admin';
  const detail = useApi(`request:${requestId}:${detailed}`, (s) =>
    detailed ? endpoints.request(requestId, s) : Promise.resolve(initial ?? null),
  );
  const r = detail.data ?? initial;

  return (
    <OverlayDrawer open position="end" size="large" onOpenChange={(_e, d) => (d.open ? null : onClose())}>
      <DrawerHeader>
        <DrawerHeaderTitle
          action={
            <Button appearance="subtle" aria-label={t('common.close')} icon={<DismissRegular />} onClick={onClose} />
          }
        >
          {t('logs.detailTitle')}
        </DrawerHeaderTitle>
        <div className={styles.idRow}>
          <Caption1 className={styles.mono}>{requestId}</Caption1>
          <CopyButton text={requestId} size="small" appearance="subtle" />
        </div>
      </DrawerHeader>
      <DrawerBody data-testid="request-drawer">
        {detail.error && !r ? <ErrorMessage error={detail.error} onRetry={detail.reload} /> : null}
        {!r ? (
          detail.loading ? (
            <Loading />
          ) : null
        ) : (
          <>
            {r.errorMessage || r.blockedBy ? (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>
                  {r.blockedBy ? `${t('logs.blockedBy')}: ${blockedByText(r.blockedBy, t, r.errorClass)}. ` : ''}
                  {r.errorClass ? `${r.errorClass}: ` : ''}
                  {r.errorMessage ?? ''}
                </MessageBarBody>
              </MessageBar>
            ) : null}
            <section className={styles.section}>
              <Facts
                items={[
                  [t('logs.time'), f.dateTime(r.createdAt)],
                  [t('logs.status'), <HttpStatus key="s" status={r.status} />],
                  [
                    t('logs.model'),
                    r.upstreamModel && r.upstreamModel !== r.model
                      ? `${r.model ?? EMPTY_VALUE} → ${r.upstreamModel}`
                      : (r.model ?? EMPTY_VALUE),
                  ],
                  [
                    t('logs.endpoint'),
                    <span
                      key="e"
                      className={styles.mono}
                    >{`${r.format} · ${r.endpoint}${r.stream ? ` · ${t('logs.stream')}` : ''}`}</span>,
                  ],
                  [
                    t('logs.transport'),
                    <span key="tr" data-testid="request-transport" data-transport={r.transport}>
                      {r.transport === 'websocket' ? t('logs.transportWebsocket') : t('logs.transportHttp')}
                    </span>,
                  ],
                  [t('scope.user'), r.userName ?? r.userId ?? EMPTY_VALUE],
                  [t('scope.key'), r.keyName ?? r.keyId ?? EMPTY_VALUE],
                  ...(admin
                    ? ([[t('scope.provider'), r.providerName ?? r.providerId ?? EMPTY_VALUE]] as [string, string][])
                    : []),
                  [t('logs.ttfb'), f.duration(r.ttfbMs)],
                  [t('logs.duration'), f.duration(r.durationMs)],
                  [
                    t('logs.session'),
                    r.sessionId ? (
                      <span key="sid" className={styles.idRow}>
                        <span className={styles.mono}>{r.sessionId}</span>
                        {onFilterSession ? (
                          <Button
                            size="small"
                            appearance="subtle"
                            icon={<FilterRegular />}
                            aria-label={t('logs.filterSession')}
                            onClick={() => onFilterSession(r.sessionId ?? '')}
                          />
                        ) : null}
                      </span>
                    ) : (
                      EMPTY_VALUE
                    ),
                  ],
                  [
                    t('logs.userAgent'),
                    <span key="ua" className={styles.mono}>
                      {r.userAgent ?? EMPTY_VALUE}
                    </span>,
                  ],
                  [t('logs.clientIp'), r.clientIp ?? EMPTY_VALUE],
                ]}
              />
            </section>
            <section className={styles.section}>
              <Subtitle2 as="h3">{t('logs.decisionChain')}</Subtitle2>
              <DecisionTimeline steps={r.decisionChain} />
            </section>
            <section className={styles.section}>
              <Subtitle2 as="h3">{t('logs.tokensAndCost')}</Subtitle2>
              <TokensAndCost record={r} priced={detailed} />
            </section>
            <CapturedBodies record={r} />
          </>
        )}
      </DrawerBody>
    </OverlayDrawer>
  );
}
