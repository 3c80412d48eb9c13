// The public setup page (no login): this hub's address and copy-paste configuration for each client.
import { Caption1, Card, makeStyles, Subtitle2, Tab, TabList, Text, Title2, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { CodeBlock } from '../../components/CodeBlock';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/States';
import { PublicFrame } from '../../frame/PublicFrame';
import { useT } from '../../i18n/I18nProvider';

const useStyles = makeStyles({
  page: {
    maxWidth: '920px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalXXXL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  urls: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr max-content',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    alignItems: 'center',
  },
  url: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  snippet: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  snippets: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    paddingTop: tokens.spacingVerticalM,
  },
});

export default function UsageDocPage() {
  const t = useT();
  const styles = useStyles();
  const doc = useApi('usage-doc', (s) => endpoints.usageDoc(s));
  const [client, setClient] = useState<string | null>(null);
  useEffect(() => {
    document.title = `${t('usageDoc.title')} · cchub`;
  }, [t]);
  const clients = doc.data?.clients ?? [];
  const selected = clients.find((c) => c.id === client) ?? clients[0];

  return (
    <PublicFrame>
      <div className={styles.page}>
        <div>
          <Title2 as="h1" block>
            {t('usageDoc.title')}
          </Title2>
          <Text as="p" block className={styles.muted}>
            {t('usageDoc.intro')}
          </Text>
        </div>
        <ErrorMessage error={doc.error} onRetry={doc.reload} />
        {!doc.data && doc.loading ? <Loading /> : null}
        {doc.data ? (
          <>
            <Card>
              <div className={styles.urls}>
                <Text weight="semibold">{t('usageDoc.baseUrl')}</Text>
                <span className={styles.url} data-testid="usage-base-url">
                  {doc.data.baseUrl}
                </span>
                <CopyButton text={doc.data.baseUrl} size="small" appearance="subtle" />
                <Text weight="semibold">{t('usageDoc.openaiBaseUrl')}</Text>
                <span className={styles.url}>{doc.data.openaiBaseUrl}</span>
                <CopyButton text={doc.data.openaiBaseUrl} size="small" appearance="subtle" />
                <Text weight="semibold">{t('usageDoc.geminiBaseUrl')}</Text>
                <span className={styles.url}>{doc.data.geminiBaseUrl}</span>
                <CopyButton text={doc.data.geminiBaseUrl} size="small" appearance="subtle" />
              </div>
              <Caption1 className={styles.muted}>
                {t('usageDoc.keyHint', { placeholder: doc.data.keyPlaceholder })}
              </Caption1>
            </Card>
            <Card>
              <TabList
                selectedValue={selected?.id ?? ''}
                onTabSelect={(_e, d) => setClient(String(d.value))}
                data-testid="usage-clients"
              >
                {clients.map((c) => (
                  <Tab key={c.id} value={c.id}>
                    {c.name}
                  </Tab>
                ))}
              </TabList>
              {selected ? (
                <div className={styles.snippets}>
                  {selected.snippets.map((s) => (
                    <div key={s.id} className={styles.snippet}>
                      <Subtitle2 as="h3">{s.title}</Subtitle2>
                      <CodeBlock code={s.code} testId="usage-snippet" />
                      {s.note ? <Caption1 className={styles.muted}>{s.note}</Caption1> : null}
                    </div>
                  ))}
                </div>
              ) : null}
            </Card>
          </>
        ) : null}
      </div>
    </PublicFrame>
  );
}
