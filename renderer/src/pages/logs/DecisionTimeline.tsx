// A request's decision chain as a vertical timeline: candidates, filters, session binding, attempts, outcome.
import { Badge, Caption1, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import {
  CheckmarkCircleRegular,
  DismissCircleRegular,
  FilterRegular,
  LinkRegular,
  ListRegular,
  SendRegular,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import type { DecisionStep } from '../../../../shared/api-schemas';
import { useFormat } from '../../format/useFormat';
import type { MessageKey } from '../../i18n/catalogue';
import { useT } from '../../i18n/I18nProvider';
import { reasonText } from './reasonText';

const KNOWN = new Set([
  'at',
  'kind',
  'providerId',
  'providerName',
  'reason',
  'status',
  'errorClass',
  'latencyMs',
  'attempt',
]);

const KIND_LABELS: Record<DecisionStep['kind'], MessageKey> = {
  candidates: 'chain.candidates',
  filtered: 'chain.filtered',
  session: 'chain.session',
  attempt: 'chain.attempt',
  result: 'chain.result',
  override: 'chain.override',
  translated: 'chain.translated',
};

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  step: {
    display: 'grid',
    gridTemplateColumns: '28px 1fr',
    columnGap: tokens.spacingHorizontalS,
    position: 'relative',
    paddingBottom: tokens.spacingVerticalM,
  },
  rail: {
    position: 'absolute',
    left: '13px',
    top: '26px',
    bottom: 0,
    width: '2px',
    backgroundColor: tokens.colorNeutralStroke2,
  },
  icon: {
    width: '28px',
    height: '28px',
    borderRadius: tokens.borderRadiusCircular,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    fontSize: '16px',
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
  },
  ok: { backgroundColor: tokens.colorPaletteGreenBackground2, color: tokens.colorPaletteGreenForeground2 },
  bad: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorPaletteRedForeground2 },
  body: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0, paddingTop: '3px' },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  extra: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3, wordBreak: 'break-word' },
});

function isFailure(step: DecisionStep): boolean {
  return (step.status !== undefined && step.status >= 400) || step.errorClass !== undefined;
}

function icon(step: DecisionStep): ReactElement {
  switch (step.kind) {
    case 'candidates':
      return <ListRegular />;
    case 'filtered':
      return <FilterRegular />;
    case 'session':
      return <LinkRegular />;
    case 'attempt':
      return isFailure(step) ? <DismissCircleRegular /> : <SendRegular />;
    default:
      return isFailure(step) ? <DismissCircleRegular /> : <CheckmarkCircleRegular />;
  }
}

function extraText(step: DecisionStep): string | null {
  const extras = Object.entries(step).filter(([k, v]) => !KNOWN.has(k) && v !== undefined && v !== null);
  if (extras.length === 0) return null;
  return extras.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' · ');
}

export function DecisionTimeline({ steps }: { steps: readonly DecisionStep[] }) {
  const t = useT();
  const f = useFormat();
  const styles = useStyles();
  if (steps.length === 0) return <Text className={styles.muted}>{t('chain.empty')}</Text>;
  return (
    <ol className={styles.list} data-testid="decision-chain">
      {steps.map((step, i) => {
        const failed = isFailure(step);
        const tone = step.kind === 'attempt' || step.kind === 'result' ? (failed ? styles.bad : styles.ok) : undefined;
        const extra = extraText(step);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the chain is an ordered, immutable list
          <li key={i} className={styles.step} data-testid="decision-step" data-kind={step.kind}>
            {i < steps.length - 1 ? <span className={styles.rail} /> : null}
            <span className={mergeClasses(styles.icon, tone)}>{icon(step)}</span>
            <div className={styles.body}>
              <div className={styles.head}>
                <Text weight="semibold">
                  {t(KIND_LABELS[step.kind])}
                  {step.attempt !== undefined ? ` #${step.attempt}` : ''}
                </Text>
                {step.providerName || step.providerId ? <Text>{step.providerName ?? step.providerId}</Text> : null}
                {step.status !== undefined ? (
                  <Badge appearance="tint" color={step.status < 400 ? 'success' : 'danger'}>
                    {step.status}
                  </Badge>
                ) : null}
                {step.errorClass ? (
                  <Badge appearance="outline" color="danger">
                    {step.errorClass}
                  </Badge>
                ) : null}
                <Caption1 className={styles.muted}>
                  +{f.duration(step.at)}
                  {step.latencyMs !== undefined ? ` · ${t('logs.latency')} ${f.duration(step.latencyMs)}` : ''}
                </Caption1>
              </div>
              {step.reason ? <Caption1 data-testid="decision-reason">{reasonText(step.reason, t)}</Caption1> : null}
              {extra ? <Caption1 className={styles.extra}>{extra}</Caption1> : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
