// An HTTP status as a coloured badge: 2xx green, 4xx amber (429 and 402 included), 5xx red.
import { Badge } from '@fluentui/react-components';

export function HttpStatus({ status }: { status: number }) {
  const color = status < 300 ? 'success' : status < 500 ? 'warning' : 'danger';
  return (
    <Badge appearance="tint" color={color} data-testid="http-status">
      {status}
    </Badge>
  );
}
