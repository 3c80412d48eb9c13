// A number edited in place in a table cell: saved on Enter or blur, reverted on Escape, errors kept visible.
import { Input, makeStyles, mergeClasses, Spinner, Tooltip, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { errorText } from '../ErrorMessage';

const useStyles = makeStyles({
  input: { width: '84px' },
  error: { '& input': { color: tokens.colorPaletteRedForeground1 } },
});

export function InlineNumber({
  value,
  label,
  min,
  onSave,
  testId,
}: {
  value: number;
  label: string;
  min?: number;
  onSave(next: number): Promise<unknown>;
  testId?: string;
}) {
  const styles = useStyles();
  const [text, setText] = useState(String(value));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(String(value)), [value]);
  const commit = () => {
    const next = Number(text);
    if (text.trim() === '' || !Number.isInteger(next)) {
      setText(String(value));
      return;
    }
    if (next === value) return;
    setBusy(true);
    setError(null);
    onSave(next).then(
      () => setBusy(false),
      (err: unknown) => {
        setBusy(false);
        setError(errorText(err));
        setText(String(value));
      },
    );
  };
  const input = (
    <Input
      className={mergeClasses(styles.input, error !== null && styles.error)}
      size="small"
      type="number"
      step={1}
      min={min}
      aria-label={label}
      value={text}
      data-testid={testId}
      disabled={busy}
      contentAfter={busy ? <Spinner size="extra-tiny" /> : undefined}
      onChange={(_e, d) => setText(d.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setText(String(value));
      }}
    />
  );
  return error ? (
    <Tooltip content={error} relationship="description">
      {input}
    </Tooltip>
  ) : (
    input
  );
}
