/**
 * A byte count for people, in binary units with the UI language's number format.
 *
 * @example
 *   formatBytes(1536, useFormatter())  // '1.5 KB'
 */
import type { useFormatter } from 'next-intl';

export function formatBytes(bytes: number, format: ReturnType<typeof useFormatter>): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${format.number(value, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}
