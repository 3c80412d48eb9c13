// Content rules (sensitive phrases): the list, add, edit, enable or disable, delete, and a tester for sample text.
import {
  Badge,
  Button,
  Card,
  makeStyles,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular, EditRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ContentRule } from '../../../../shared/api-schemas';
import { endpoints } from '../../api/endpoints';
import { usePagedList } from '../../api/usePagedList';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { Empty } from '../../components/States';
import { useNotify } from '../../frame/toast';
import { useT } from '../../i18n/I18nProvider';
import { ContentRuleForm } from './ContentRuleForm';
import { RuleTester } from './RuleTester';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXXS },
});

export default function ContentRulesPage() {
  const t = useT();
  const styles = useStyles();
  const notify = useNotify();
  const rules = usePagedList('content-rules', (cursor, signal) =>
    endpoints.contentRules({ limit: 200, cursor }, signal),
  );
  const [editing, setEditing] = useState<ContentRule | 'new' | undefined>(undefined);
  const [deleting, setDeleting] = useState<ContentRule | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const toggle = (rule: ContentRule, enabled: boolean) =>
    endpoints.updateContentRule(rule.id, { enabled }).then(rules.reload, setError);
  return (
    <>
      <PageHeader
        title={t('nav.contentRules')}
        description={t('contentRules.description')}
        actions={
          <Button
            appearance="primary"
            icon={<AddRegular />}
            onClick={() => setEditing('new')}
            data-testid="content-rule-add"
          >
            {t('contentRules.add')}
          </Button>
        }
      />
      <RuleTester />
      <ErrorMessage error={rules.error ?? error} onRetry={rules.reload} />
      {!rules.loading && rules.items.length === 0 && !rules.error ? <Empty>{t('contentRules.empty')}</Empty> : null}
      {rules.items.length > 0 ? (
        <Card className={styles.scroll}>
          <Table aria-label={t('nav.contentRules')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('contentRules.match')}</TableHeaderCell>
                <TableHeaderCell>{t('contentRules.pattern')}</TableHeaderCell>
                <TableHeaderCell>{t('contentRules.note')}</TableHeaderCell>
                <TableHeaderCell>{t('common.enabled')}</TableHeaderCell>
                <TableHeaderCell />
              </TableRow>
            </TableHeader>
            <TableBody>
              {rules.items.map((r) => (
                <TableRow key={r.id} data-testid="content-rule-row" data-pattern={r.pattern}>
                  <TableCell>
                    <Badge appearance="outline">{t(`contentRules.match.${r.match}`)}</Badge>
                  </TableCell>
                  <TableCell className={styles.mono}>{r.pattern}</TableCell>
                  <TableCell>{r.note}</TableCell>
                  <TableCell>
                    <Switch
                      checked={r.enabled}
                      aria-label={t('common.enabled')}
                      onChange={(_e, d) => void toggle(r, d.checked)}
                    />
                  </TableCell>
                  <TableCell>
                    <div className={styles.actions}>
                      <Button
                        appearance="subtle"
                        icon={<EditRegular />}
                        aria-label={t('common.edit')}
                        onClick={() => setEditing(r)}
                      />
                      <Button
                        appearance="subtle"
                        icon={<DeleteRegular />}
                        aria-label={t('common.delete')}
                        onClick={() => setDeleting(r)}
                      />
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : null}
      <LoadMore hasMore={rules.hasMore} loading={rules.loading} onLoad={rules.loadMore} />
      {editing ? (
        <ContentRuleForm
          rule={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            notify(t('contentRules.saved'));
            rules.reload();
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('contentRules.deleteTitle')}
          confirmLabel={t('common.delete')}
          onConfirm={() => endpoints.deleteContentRule(deleting.id).then(rules.reload)}
          onClose={() => setDeleting(undefined)}
        >
          {t('contentRules.deleteBody', { pattern: deleting.pattern })}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
