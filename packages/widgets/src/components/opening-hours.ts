import type { Point } from '@pay-box/sdk';
import { weekdayName, type WidgetLocale } from '../support/locale.js';

/** A shop's week, one line per open day in ISO order: `lunedì: 08:00–13:00, 15:00–19:00`. */
export function openingHoursLines(hours: Point['openingHours'], locale: WidgetLocale): string[] {
  const byDay = new Map<number, string[]>();
  for (const { day, opens, closes } of [...hours].sort((a, b) => a.day - b.day || a.opens.localeCompare(b.opens))) {
    byDay.set(day, [...(byDay.get(day) ?? []), `${opens}–${closes}`]);
  }
  return [...byDay].map(([day, intervals]) => `${weekdayName(day, locale)}: ${intervals.join(', ')}`);
}
