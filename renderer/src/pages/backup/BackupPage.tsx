// Backup and configuration transfer: download a database backup, export the configuration, import one after a dry run.
import {
  Badge,
  Button,
  Card,
  CardHeader,
  Field,
  Input,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, CheckmarkRegular, EyeRegular } from '@fluentui/react-icons';
import { type ChangeEvent, useState } from 'react';
import type { ConfigChange, ConfigImportResult } from '../../../../shared/config-document';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { formatNumber } from '../../format/format';
import { useNotify } from '../../frame/toast';
import { useI18n, useT } from '../../i18n/I18nProvider';
import { downloadBackup, downloadExport, importConfig } from './backupApi';

const useStyles = makeStyles({
  cards: { display: 'grid', gap: tokens.spacingVerticalL, maxWidth: '980px' },
  card: { padding: tokens.spacingHorizontalXL },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  hint: { color: tokens.colorNeutralForeground3 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  summary: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

const ACTION_COLOR = { create: 'success', update: 'warning', unchanged: 'informative', skip: 'informative' } as const;

/** Runs an async action with a busy flag and its error kept for display. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await action();
    } catch (err) {
      setError(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

function BackupCard() {
  const t = useT();
  const { locale } = useI18n();
  const styles = useStyles();
  const action = useAction();
  const [last, setLast] = useState<{ name: string; bytes: number } | null>(null);
  return (
    <Card className={styles.card}>
      <CardHeader header={<Text weight="semibold">{t('backup.database')}</Text>} />
      <Text className={styles.hint}>{t('backup.databaseHint')}</Text>
      <ErrorMessage error={action.error} />
      <div className={styles.row}>
        <Button
          appearance="primary"
          icon={<ArrowDownloadRegular />}
          disabled={action.busy}
          data-testid="backup-download"
          onClick={() => void action.run(downloadBackup).then((r) => r && setLast(r))}
        >
          {action.busy ? t('backup.downloading') : t('backup.download')}
        </Button>
        {last ? (
          <Text data-testid="backup-done">
            {t('backup.downloaded', { name: last.name, size: formatNumber(last.bytes, locale) })}
          </Text>
        ) : null}
      </div>
    </Card>
  );
}

function ExportCard() {
  const t = useT();
  const styles = useStyles();
  const notify = useNotify();
  const action = useAction();
  const [passphrase, setPassphrase] = useState('');
  return (
    <Card className={styles.card}>
      <CardHeader header={<Text weight="semibold">{t('backup.export')}</Text>} />
      <Text className={styles.hint}>{t('backup.exportHint')}</Text>
      <ErrorMessage error={action.error} />
      <div className={styles.row}>
        <Field label={t('backup.passphrase')} hint={t('backup.exportPassphraseHint')}>
          <Input
            type="password"
            name="export-passphrase"
            autoComplete="new-password"
            value={passphrase}
            onChange={(_e, d) => setPassphrase(d.value)}
          />
        </Field>
        <Button
          icon={<ArrowDownloadRegular />}
          disabled={action.busy}
          data-testid="export-download"
          onClick={() =>
            void action.run(() => downloadExport(passphrase, new Date())).then((r) => r && notify(t('backup.exported')))
          }
        >
          {t('backup.exportButton')}
        </Button>
      </div>
    </Card>
  );
}

function ChangesTable({ changes }: { changes: readonly ConfigChange[] }) {
  const t = useT();
  const styles = useStyles();
  return (
    <Table size="small" data-testid="import-changes">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('backup.section')}</TableHeaderCell>
          <TableHeaderCell>{t('backup.object')}</TableHeaderCell>
          <TableHeaderCell>{t('backup.action')}</TableHeaderCell>
          <TableHeaderCell>{t('backup.details')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {changes.map((c) => (
          <TableRow key={`${c.section}:${c.id}`} data-testid={`change-${c.section}-${c.id}`}>
            <TableCell>{c.section}</TableCell>
            <TableCell>
              {c.name} <span className={styles.mono}>{c.id === c.name ? '' : c.id}</span>
            </TableCell>
            <TableCell>
              <Badge appearance="tint" color={ACTION_COLOR[c.action]} data-testid="change-action">
                {t(`backup.action.${c.action}`)}
              </Badge>
            </TableCell>
            <TableCell>
              {c.fields?.length ? <span className={styles.mono}>{c.fields.join(', ')}</span> : null}
              {c.note ? <div className={styles.hint}>{c.note}</div> : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ImportCard() {
  const t = useT();
  const styles = useStyles();
  const notify = useNotify();
  const action = useAction();
  const [text, setText] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [preview, setPreview] = useState<ConfigImportResult | null>(null);

  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    setPreview(null);
    const file = event.target.files?.[0];
    if (file) void file.text().then(setText);
    else setText(null);
  };
  const dryRun = () =>
    void action.run(() => importConfig(text ?? '', passphrase, true)).then((r) => r && setPreview(r));
  const apply = () =>
    void action
      .run(() => importConfig(text ?? '', passphrase, false))
      .then((r) => {
        if (!r) return;
        setPreview(r);
        notify(t('backup.imported'));
      });
  const changing = preview ? preview.summary.create + preview.summary.update : 0;

  return (
    <Card className={styles.card}>
      <CardHeader header={<Text weight="semibold">{t('backup.import')}</Text>} />
      <Text className={styles.hint}>{t('backup.importHint')}</Text>
      <ErrorMessage error={action.error} />
      <div className={styles.row}>
        <Field label={t('backup.file')}>
          <input type="file" accept="application/json,.json" onChange={pick} data-testid="import-file" />
        </Field>
        <Field label={t('backup.passphrase')} hint={t('backup.importPassphraseHint')}>
          <Input
            type="password"
            name="import-passphrase"
            autoComplete="off"
            value={passphrase}
            onChange={(_e, d) => {
              setPassphrase(d.value);
              setPreview(null);
            }}
          />
        </Field>
        <Button icon={<EyeRegular />} disabled={!text || action.busy} onClick={dryRun} data-testid="import-preview">
          {t('backup.preview')}
        </Button>
        <Button
          appearance="primary"
          icon={<CheckmarkRegular />}
          disabled={!preview || preview.applied || changing === 0 || action.busy}
          onClick={apply}
          data-testid="import-apply"
        >
          {t('backup.apply')}
        </Button>
      </div>
      {preview ? (
        <>
          <div className={styles.summary} data-testid="import-summary">
            <Text weight="semibold">{preview.applied ? t('backup.appliedTitle') : t('backup.previewTitle')}</Text>
            {(['create', 'update', 'unchanged', 'skip'] as const).map((a) => (
              <Badge key={a} appearance="outline" color={ACTION_COLOR[a]}>
                {t(`backup.action.${a}`)}: {preview.summary[a]}
              </Badge>
            ))}
          </div>
          <ChangesTable changes={preview.changes} />
        </>
      ) : null}
    </Card>
  );
}

export default function BackupPage() {
  const t = useT();
  const styles = useStyles();
  return (
    <>
      <PageHeader title={t('nav.backup')} description={t('backup.description')} />
      <div className={styles.cards}>
        <BackupCard />
        <ExportCard />
        <ImportCard />
      </div>
    </>
  );
}
