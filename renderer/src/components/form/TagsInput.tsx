// A list of short strings (groups, model names) edited as dismissible tags: type and press Enter to add.
import { Input, makeStyles, Tag, TagGroup, tokens } from '@fluentui/react-components';
import { useState } from 'react';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

export function TagsInput({
  value,
  onChange,
  placeholder,
  name,
}: {
  value: readonly string[];
  onChange(next: string[]): void;
  placeholder?: string;
  name?: string;
}) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const add = () => {
    const parts = text
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '' && !value.includes(p));
    if (parts.length > 0) onChange([...value, ...parts]);
    setText('');
  };
  return (
    <div className={styles.root}>
      {value.length > 0 ? (
        <TagGroup onDismiss={(_e, data) => onChange(value.filter((v) => v !== data.value))} aria-label={placeholder}>
          {value.map((v) => (
            <Tag key={v} value={v} dismissible size="small" shape="circular">
              {v}
            </Tag>
          ))}
        </TagGroup>
      ) : null}
      <Input
        name={name}
        value={text}
        placeholder={placeholder}
        onChange={(_e, d) => setText(d.value)}
        onBlur={add}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault();
            add();
          } else if (e.key === 'Backspace' && text === '' && value.length > 0) {
            onChange(value.slice(0, -1));
          }
        }}
      />
    </div>
  );
}
