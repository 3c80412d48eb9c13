// API docs: links to the hub's own Swagger UI and Scalar pages, the OpenAPI document and the public setup page.
import { Body1, Caption1, Card, CardHeader, Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import { BookOpenRegular, CodeRegular, DocumentRegular, GlobeRegular } from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import { PageHeader } from '../../components/PageHeader';
import type { MessageKey } from '../../i18n/catalogue';
import { useT } from '../../i18n/I18nProvider';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  icon: { fontSize: '28px', color: tokens.colorBrandForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
  code: { fontFamily: tokens.fontFamilyMonospace },
});

interface DocLink {
  href: string;
  title: MessageKey;
  body: MessageKey;
  icon: ReactElement;
  newTab: boolean;
}

const LINKS: DocLink[] = [
  { href: '/api/docs', title: 'docs.swagger', body: 'docs.swaggerBody', icon: <BookOpenRegular />, newTab: true },
  { href: '/api/scalar', title: 'docs.scalar', body: 'docs.scalarBody', icon: <CodeRegular />, newTab: true },
  {
    href: '/api/v1/openapi.json',
    title: 'docs.openapi',
    body: 'docs.openapiBody',
    icon: <DocumentRegular />,
    newTab: true,
  },
  { href: '/usage', title: 'docs.usage', body: 'docs.usageBody', icon: <GlobeRegular />, newTab: false },
];

export default function DocsPage() {
  const t = useT();
  const styles = useStyles();
  return (
    <>
      <PageHeader title={t('nav.docs')} description={t('docs.description')} />
      <div className={styles.grid}>
        {LINKS.map((link) => (
          <Card key={link.href} data-testid="doc-link">
            <CardHeader
              image={<span className={styles.icon}>{link.icon}</span>}
              header={
                <Link href={link.href} {...(link.newTab ? { target: '_blank', rel: 'noopener' } : {})}>
                  <Text weight="semibold">{t(link.title)}</Text>
                </Link>
              }
              description={<Caption1 className={`${styles.muted} ${styles.code}`}>{link.href}</Caption1>}
            />
            <Body1>{t(link.body)}</Body1>
          </Card>
        ))}
      </div>
    </>
  );
}
