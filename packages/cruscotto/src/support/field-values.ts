import type { Service } from '../api/types.js';
import { currentLocale } from './locale.js';

/**
 * An unexpected credit's field values as staff read them: each with its label and, for a choice,
 * the option's label, in the page's language (the raw name and value where the service does not say).
 */
export function fieldValues(fields: Record<string, unknown> | null, serviceCode: string, services: Service[]): Array<{ label: string; value: string }> {
  const definitions = services.find((service) => service.code === serviceCode)?.fields ?? [];
  const locale = currentLocale();
  return Object.entries(fields ?? {}).map(([name, raw]) => {
    const definition = definitions.find((candidate) => candidate.name === name);
    const option = definition?.options?.find((candidate) => candidate.value === String(raw));
    return { label: definition?.label[locale] ?? name, value: option?.label[locale] ?? String(raw) };
  });
}
