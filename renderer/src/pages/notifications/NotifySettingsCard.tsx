// When notifications fire: the spend share, the key-expiry warning, the leaderboard's time and size, log retention.
import { Button, Card, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { SaveRegular } from '@fluentui/react-icons';
import { type FormEvent, useState } from 'react';
import type { Settings } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FormSection } from '../../components/form/FormSection';
import { fieldError, requiredNumber } from '../../components/form/fieldErrors';
import { useNotify } from '../../frame/toast';
import { useT } from '../../i18n/I18nProvider';

const useStyles = makeStyles({ card: { maxWidth: '880px', padding: tokens.spacingHorizontalXL } });

export function NotifySettingsCard({ initial, onSaved }: { initial: Settings; onSaved(): void }) {
  const t = useT();
  const notify = useNotify();
  const styles = useStyles();
  const [percent, setPercent] = useState(String(Math.round(initial.notifySpendThreshold * 100)));
  const [days, setDays] = useState(String(initial.notifyKeyExpiringDays));
  const [time, setTime] = useState(initial.notifyLeaderboardTime);
  const [size, setSize] = useState(String(initial.notifyLeaderboardSize));
  const [retention, setRetention] = useState(String(initial.webhookDeliveryRetentionDays));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const fe = (field: string) => fieldError(error, t, field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    let body: Partial<Settings>;
    try {
      body = {
        notifySpendThreshold: requiredNumber(percent, 'notifySpendThreshold') / 100,
        notifyKeyExpiringDays: requiredNumber(days, 'notifyKeyExpiringDays', { integer: true }),
        notifyLeaderboardTime: time,
        notifyLeaderboardSize: requiredNumber(size, 'notifyLeaderboardSize', { integer: true }),
        webhookDeliveryRetentionDays: requiredNumber(retention, 'webhookDeliveryRetentionDays', { integer: true }),
      };
    } catch (err) {
      setError(err);
      return;
    }
    setBusy(true);
    endpoints.updateSettings(body).then(
      () => {
        setBusy(false);
        notify(t('notify.settingsSaved'));
        onSaved();
      },
      (err: unknown) => {
        setBusy(false);
        setError(err);
      },
    );
  };

  return (
    <Card className={styles.card}>
      <form onSubmit={submit} data-testid="notify-settings">
        <ErrorMessage error={error} />
        <FormSection title={t('notify.settings')}>
          <Field
            label={t('notify.threshold')}
            hint={t('notify.thresholdHint')}
            validationMessage={fe('notifySpendThreshold')}
          >
            <Input
              type="number"
              min={1}
              max={100}
              name="threshold"
              value={percent}
              contentAfter="%"
              onChange={(_e, d) => setPercent(d.value)}
            />
          </Field>
          <Field label={t('notify.expiringDays')} validationMessage={fe('notifyKeyExpiringDays')}>
            <Input
              type="number"
              min={1}
              name="expiringDays"
              value={days}
              contentAfter={t('unit.days')}
              onChange={(_e, d) => setDays(d.value)}
            />
          </Field>
          <Field
            label={t('notify.leaderboardTime')}
            hint={t('notify.leaderboardTimeHint')}
            validationMessage={fe('notifyLeaderboardTime')}
          >
            <Input type="time" name="leaderboardTime" value={time} onChange={(_e, d) => setTime(d.value)} />
          </Field>
          <Field label={t('notify.leaderboardSize')} validationMessage={fe('notifyLeaderboardSize')}>
            <Input type="number" min={1} max={50} value={size} onChange={(_e, d) => setSize(d.value)} />
          </Field>
          <Field label={t('notify.retention')} validationMessage={fe('webhookDeliveryRetentionDays')}>
            <Input
              type="number"
              min={1}
              value={retention}
              contentAfter={t('unit.days')}
              onChange={(_e, d) => setRetention(d.value)}
            />
          </Field>
        </FormSection>
        <Button appearance="primary" type="submit" icon={<SaveRegular />} disabled={busy} data-testid="notify-save">
          {t('common.save')}
        </Button>
      </form>
    </Card>
  );
}
