// Copies a text to the clipboard and says so; falls back to selecting a hidden textarea where the API is missing.
import { Button, type ButtonProps, Tooltip } from '@fluentui/react-components';
import { CheckmarkRegular, CopyRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/I18nProvider';

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Permission refused or not a secure context: fall through to the selection copy.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}

export interface CopyButtonProps {
  text: string;
  label?: string;
  appearance?: ButtonProps['appearance'];
  size?: ButtonProps['size'];
  className?: string;
  'data-testid'?: string;
}

export function CopyButton({ text, label, appearance, size, className, 'data-testid': testId }: CopyButtonProps) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  const title = copied ? t('common.copied') : (label ?? t('common.copy'));
  return (
    <Tooltip content={title} relationship={label ? 'description' : 'label'}>
      <Button
        appearance={appearance}
        size={size}
        className={className}
        data-testid={testId}
        icon={copied ? <CheckmarkRegular /> : <CopyRegular />}
        data-copied={copied ? 'true' : 'false'}
        onClick={() => {
          copyText(text).then(() => setCopied(true));
        }}
      >
        {label}
      </Button>
    </Tooltip>
  );
}
