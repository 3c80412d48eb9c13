// The setup guide inside the console (one click from the navigation): the same guide as the public /usage page.
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/I18nProvider';
import { SetupGuide } from './SetupGuide';

export default function SetupPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('nav.setup')} description={t('usageDoc.intro')} />
      <SetupGuide />
    </>
  );
}
