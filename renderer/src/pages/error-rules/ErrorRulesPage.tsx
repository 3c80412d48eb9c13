// Error rules: what an upstream error status means, in the order the rules are tried — the built-in ones included
// (editable, restorable) — with a tester telling which rule a sample error would hit.
import {
  Badge,
  Button,
  Caption1,
  Card,
  makeStyles,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, ArrowResetRegular, DeleteRegular, EditRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ErrorRule } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { Loading } from '../../components/States';
import { useNotify } from '../../frame/toast';
import { useT } from '../../i18n/I18nProvider';
import { ErrorRuleForm } from './ErrorRuleForm';
import { ErrorRuleTester } from './ErrorRuleTester';
import { statusText } from './ruleDraft';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  scroll: { overflowX: 'auto' },
  table: { minWidth: '900px' },
  pattern: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  stack: { display: 'flex', flexDirection: 'column', gap: '2px' },
  tags: { display: 'flex', gap: tokens.spacingHorizontalXXS, flexWrap: 'wrap' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXXS },
});

type Dialog = { kind: 'edit'; rule?: ErrorRule } | { kind: 'delete'; rule: ErrorRule } | { kind: 'restore' };

export default function ErrorRulesPage() {
  const t = useT();
  const styles = useStyles();
  const notify = useNotify();
  const rules = useApi('error-rules', (s) => endpoints.errorRules(s));
  const providers = useApi('providers', (s) => endpoints.providers(s));
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const providerList = providers.data?.items ?? [];
  const providerName = (id: string) => providerList.find((p) => p.id === id)?.name ?? id;

  const toggle = (rule: ErrorRule, enabled: boolean) => {
    setError(undefined);
    endpoints.updateErrorRule(rule.id, { enabled }).then(rules.reload, setError);
  };

  return (
    <div className={styles.page}>
      <PageHeader
        title={t('nav.errorRules')}
        description={t('errorRules.description')}
        actions={
          <>
            <Button
              icon={<ArrowResetRegular />}
              onClick={() => setDialog({ kind: 'restore' })}
              data-testid="error-rules-restore"
            >
              {t('errorRules.restore')}
            </Button>
            <Button
              appearance="primary"
              icon={<AddRegular />}
              onClick={() => setDialog({ kind: 'edit' })}
              data-testid="error-rule-add"
            >
              {t('errorRules.add')}
            </Button>
          </>
        }
      />
      <ErrorMessage error={rules.error ?? error} onRetry={rules.error ? rules.reload : undefined} />
      {!rules.data && rules.loading ? <Loading /> : null}
      {rules.data ? (
        <Card className={styles.scroll}>
          <Table className={styles.table} aria-label={t('nav.errorRules')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('errorRules.priority')}</TableHeaderCell>
                <TableHeaderCell>{t('errorRules.matches')}</TableHeaderCell>
                <TableHeaderCell>{t('errorRules.decides')}</TableHeaderCell>
                <TableHeaderCell>{t('errorRules.client')}</TableHeaderCell>
                <TableHeaderCell>{t('common.enabled')}</TableHeaderCell>
                <TableHeaderCell />
              </TableRow>
            </TableHeader>
            <TableBody>
              {rules.data.items.map((r) => (
                <TableRow key={r.id} data-testid="error-rule-row" data-id={r.id}>
                  <TableCell>{r.priority}</TableCell>
                  <TableCell>
                    <div className={styles.stack}>
                      <div className={styles.tags}>
                        {r.builtIn ? (
                          <Badge appearance="outline" color="informative">
                            {t('errorRules.builtIn')}
                          </Badge>
                        ) : null}
                        <Badge appearance="tint">{statusText(r) ?? t('errorRules.anyStatus')}</Badge>
                        {r.providerId ? <Badge appearance="tint">{providerName(r.providerId)}</Badge> : null}
                        {r.format ? <Badge appearance="tint">{t(`providerType.${r.format}`)}</Badge> : null}
                      </div>
                      {r.pattern ? (
                        <Text className={styles.pattern}>
                          {r.match === 'regex' ? `/${r.pattern}/` : `“${r.pattern}”`}
                        </Text>
                      ) : null}
                      {r.note ? <Caption1 className={styles.muted}>{r.note}</Caption1> : null}
                    </div>
                  </TableCell>
                  <TableCell>
                    <div className={styles.stack}>
                      <Text>
                        {t(`errorRules.action.${r.action}`)}
                        {r.nextProvider ? ` · ${t('errorRules.nextProvider')}` : ''}
                      </Text>
                      <Caption1 className={styles.muted}>
                        {r.countsForBreaker ? t('errorRules.counts') : t('errorRules.notCounted')}
                      </Caption1>
                    </div>
                  </TableCell>
                  <TableCell>
                    <div className={styles.stack}>
                      {r.clientStatus !== null ? <Text>{r.clientStatus}</Text> : null}
                      {r.clientMessage ? <Caption1>{r.clientMessage}</Caption1> : null}
                      {r.clientStatus === null && !r.clientMessage ? (
                        <Caption1 className={styles.muted}>{t('errorRules.asUpstream')}</Caption1>
                      ) : null}
                    </div>
                  </TableCell>
                  <TableCell>
                    <Switch
                      checked={r.enabled}
                      aria-label={t('common.enabled')}
                      onChange={(_e, d) => toggle(r, d.checked)}
                    />
                  </TableCell>
                  <TableCell>
                    <div className={styles.actions}>
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<EditRegular />}
                        aria-label={t('common.edit')}
                        onClick={() => setDialog({ kind: 'edit', rule: r })}
                        data-testid="error-rule-edit"
                      />
                      {r.builtIn ? null : (
                        <Button
                          size="small"
                          appearance="subtle"
                          icon={<DeleteRegular />}
                          aria-label={t('common.delete')}
                          onClick={() => setDialog({ kind: 'delete', rule: r })}
                          data-testid="error-rule-delete"
                        />
                      )}
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : null}
      <ErrorRuleTester providers={providerList} />
      {dialog?.kind === 'edit' ? (
        <ErrorRuleForm
          rule={dialog.rule}
          providers={providerList}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            notify(t('errorRules.saved'));
            rules.reload();
          }}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('errorRules.deleteTitle')}
          confirmLabel={t('common.delete')}
          onConfirm={() => endpoints.deleteErrorRule(dialog.rule.id).then(rules.reload)}
          onClose={() => setDialog(null)}
        >
          {t('errorRules.deleteBody')}
        </ConfirmDialog>
      ) : null}
      {dialog?.kind === 'restore' ? (
        <ConfirmDialog
          title={t('errorRules.restore')}
          confirmLabel={t('errorRules.restore')}
          onConfirm={() => endpoints.restoreErrorRules().then(rules.reload)}
          onClose={() => setDialog(null)}
        >
          {t('errorRules.restoreBody')}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
