// The end of a keyset-paginated list: loads the next page when it scrolls into view, or on click.
import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { useT } from '../i18n/I18nProvider';

const useStyles = makeStyles({
  root: { display: 'flex', justifyContent: 'center', padding: tokens.spacingVerticalM, minHeight: '32px' },
});

export function LoadMore({
  hasMore,
  loading,
  onLoad,
  auto = true,
}: {
  hasMore: boolean;
  loading: boolean;
  onLoad(): void;
  auto?: boolean;
}) {
  const t = useT();
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  const onLoadRef = useRef(onLoad);
  onLoadRef.current = onLoad;
  useEffect(() => {
    const el = ref.current;
    if (!auto || !hasMore || loading || !el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) onLoadRef.current();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [auto, hasMore, loading]);
  if (!hasMore && !loading) return null;
  return (
    <div className={styles.root} ref={ref}>
      {loading ? (
        <Spinner size="tiny" label={t('common.loading')} />
      ) : (
        <Button appearance="subtle" onClick={onLoad} data-testid="load-more">
          {t('common.loadMore')}
        </Button>
      )}
    </div>
  );
}
