// This hub's addresses and copy-paste setup for each client (Claude Code, Codex CLI, Gemini CLI, the SDKs); with a key
// given, the snippets carry that key instead of the placeholder, ready to paste.
import { Caption1, Card, makeStyles, Subtitle2, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { CodeBlock } from '../../components/CodeBlock';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/States';
import { useT } from '../../i18n/I18nProvider';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  urls: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr) max-content',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    alignItems: 'center',
    '@media (max-width: 600px)': { gridTemplateColumns: 'minmax(0, 1fr) max-content' },
  },
  urlLabel: { '@media (max-width: 600px)': { gridColumn: '1 / -1' } },
  url: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  tabs: { overflowX: 'auto' },
  snippet: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  snippets: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    paddingTop: tokens.spacingVerticalM,
    minWidth: 0,
  },
});

/** Replaces every occurrence of the placeholder (no regex: the placeholder is literal text). */
export function fillKey(code: string, placeholder: string, key: string | undefined): string {
  return key ? code.split(placeholder).join(key) : code;
}

export function SetupGuide({ keyText, compact = false }: { keyText?: string; compact?: boolean }) {
  const t = useT();
  const styles = useStyles();
  const doc = useApi('usage-doc', (s) => endpoints.usageDoc(s));
  const [client, setClient] = useState<string | null>(null);
  if (doc.error) return <ErrorMessage error={doc.error} onRetry={doc.reload} />;
  if (!doc.data) return <Loading />;
  const d = doc.data;
  const selected = d.clients.find((c) => c.id === client) ?? d.clients[0];
  const urls: [string, string][] = [
    [t('usageDoc.baseUrl'), d.baseUrl],
    [t('usageDoc.openaiBaseUrl'), d.openaiBaseUrl],
    [t('usageDoc.geminiBaseUrl'), d.geminiBaseUrl],
  ];
  const clients = (
    <>
      <TabList
        className={styles.tabs}
        selectedValue={selected?.id ?? ''}
        onTabSelect={(_e, data) => setClient(String(data.value))}
        data-testid="usage-clients"
        size={compact ? 'small' : 'medium'}
      >
        {d.clients.map((c) => (
          <Tab key={c.id} value={c.id} data-testid={`usage-client-${c.id}`}>
            {c.name}
          </Tab>
        ))}
      </TabList>
      {selected ? (
        <div className={styles.snippets}>
          {selected.snippets.map((s) => (
            <div key={s.id} className={styles.snippet}>
              <Subtitle2 as="h3">{s.title}</Subtitle2>
              <CodeBlock code={fillKey(s.code, d.keyPlaceholder, keyText)} testId="usage-snippet" />
              {s.note ? <Caption1 className={styles.muted}>{s.note}</Caption1> : null}
            </div>
          ))}
        </div>
      ) : null}
    </>
  );
  if (compact) return <div className={styles.stack}>{clients}</div>;
  return (
    <div className={styles.stack}>
      <Card>
        <div className={styles.urls}>
          {urls.map(([label, url], i) => (
            <div key={label} style={{ display: 'contents' }}>
              <Text weight="semibold" className={styles.urlLabel}>
                {label}
              </Text>
              <span className={styles.url} {...(i === 0 ? { 'data-testid': 'usage-base-url' } : {})}>
                {url}
              </span>
              <CopyButton text={url} size="small" appearance="subtle" />
            </div>
          ))}
        </div>
        <Caption1 className={styles.muted}>
          {keyText ? t('setup.keyFilled') : t('usageDoc.keyHint', { placeholder: d.keyPlaceholder })}
        </Caption1>
      </Card>
      <Card>{clients}</Card>
    </div>
  );
}
