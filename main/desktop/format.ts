// Numbers for the tray: money with the hub's currency symbol (amounts are USD; the symbol is display only), counts.

const grouped = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** `$1,234.56`; amounts under one cent show as `<$0.01` rather than a misleading `$0.00`. */
export function formatMoney(amountUsd: number, symbol: string): string {
  if (!Number.isFinite(amountUsd) || amountUsd <= 0) return `${symbol}0.00`;
  if (amountUsd < 0.005) return `<${symbol}0.01`;
  return `${symbol}${grouped.format(amountUsd)}`;
}

/** `999`, `12,345`, `123.4k`, `1.23M`, `4.5B`. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n) || n <= 0) return '0';
  if (n < 100_000) return Math.round(n).toLocaleString('en-US');
  if (n < 1_000_000) return `${trim((n / 1_000).toFixed(1))}k`;
  if (n < 1_000_000_000) return `${trim((n / 1_000_000).toFixed(2))}M`;
  return `${trim((n / 1_000_000_000).toFixed(2))}B`;
}

function trim(fixed: string): string {
  return fixed.replace(/\.?0+$/, '');
}
