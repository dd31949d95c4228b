/** Label selectors as operators type them: `region=south,tier=gold` (every pair must match). */
import { AppError, ZLabelKey, ZLabelValue, type TLabels } from '@mecport/contracts';

export function parseLabelSelector(selector: string, field = 'label'): TLabels {
  const labels: TLabels = {};
  for (const part of selector.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [key, value, extra] = part.split('=').map((s) => s.trim());
    const ok = extra === undefined && value !== undefined && ZLabelKey.safeParse(key).success && ZLabelValue.safeParse(value).success;
    if (!ok) throw new AppError('validation', `${field}: "${part}" is not key=value`, { errors: [{ in: 'query', field, message: 'a selector is key=value pairs separated by commas' }] });
    labels[key as string] = value as string;
  }
  return labels;
}

export function matchesLabels(labels: TLabels, selector: TLabels): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
