// Shown for a console path that names no page.
import { PageHeader } from '../components/PageHeader';
import { RouterLink } from '../components/RouterLink';
import { Empty } from '../components/States';
import { useT } from '../i18n/I18nProvider';

export default function NotFoundPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <Empty>
        {t('notFound.body')} <RouterLink href="/">{t('notFound.home')}</RouterLink>
      </Empty>
    </>
  );
}
