// A long identifier shown shortened, with the whole value in a tooltip and a copy button.
import { makeStyles, Tooltip, tokens } from '@fluentui/react-components';
import { EMPTY_VALUE } from '../format/format';

const useStyles = makeStyles({ code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 } });

export function shorten(value: string, keep = 10): string {
  return value.length > keep + 1 ? `${value.slice(0, keep)}…` : value;
}

export function ShortId({ value, keep }: { value: string | null | undefined; keep?: number }) {
  const styles = useStyles();
  if (!value) return <>{EMPTY_VALUE}</>;
  return (
    <Tooltip content={value} relationship="description">
      <span className={styles.code}>{shorten(value, keep)}</span>
    </Tooltip>
  );
}
