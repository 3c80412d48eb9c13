// Request and response bodies captured for a request (when body capture is on), shown as preformatted text.
import { makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import type { RequestRecord } from '../../../../shared/api-schemas';
import { CopyButton } from '../../components/CopyButton';
import { useT } from '../../i18n/I18nProvider';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginBottom: tokens.spacingVerticalXL,
  },
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between' },
  pre: {
    margin: 0,
    padding: tokens.spacingHorizontalM,
    maxHeight: '320px',
    overflow: 'auto',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
});

/** Pretty-prints JSON text; anything else is shown as it came. */
export function prettyBody(body: unknown): string {
  if (typeof body !== 'string') return JSON.stringify(body, null, 2);
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** The captured bodies, wherever the API puts them (`bodies.request`/`bodies.response` or top-level fields). */
export function bodiesOf(record: RequestRecord): { request: unknown; response: unknown } | null {
  const loose = record as unknown as Record<string, unknown>;
  const nested = loose.bodies;
  const source = typeof nested === 'object' && nested !== null ? (nested as Record<string, unknown>) : loose;
  const request = source.request ?? source.requestBody;
  const response = source.response ?? source.responseBody;
  if ((request === undefined || request === null) && (response === undefined || response === null)) return null;
  return { request: request ?? null, response: response ?? null };
}

function Body({ title, body }: { title: string; body: unknown }) {
  const styles = useStyles();
  if (body === null || body === undefined) return null;
  const text = prettyBody(body);
  return (
    <section className={styles.section}>
      <div className={styles.head}>
        <Subtitle2 as="h3">{title}</Subtitle2>
        <CopyButton text={text} size="small" appearance="subtle" />
      </div>
      <pre className={styles.pre}>{text}</pre>
    </section>
  );
}

export function CapturedBodies({ record }: { record: RequestRecord }) {
  const t = useT();
  const bodies = bodiesOf(record);
  if (!bodies) return null;
  return (
    <div data-testid="captured-bodies">
      <Body title={t('logs.requestBody')} body={bodies.request} />
      <Body title={t('logs.responseBody')} body={bodies.response} />
    </div>
  );
}
