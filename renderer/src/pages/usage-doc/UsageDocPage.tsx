// The public setup page (no login): this hub's address and copy-paste configuration for each client.
import { makeStyles, Text, Title2, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import { PublicFrame } from '../../frame/PublicFrame';
import { useT } from '../../i18n/I18nProvider';
import { SetupGuide } from './SetupGuide';

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
});

export default function UsageDocPage() {
  const t = useT();
  const styles = useStyles();
  useEffect(() => {
    document.title = `${t('usageDoc.title')} · cchub`;
  }, [t]);
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
        <SetupGuide />
      </div>
    </PublicFrame>
  );
}
