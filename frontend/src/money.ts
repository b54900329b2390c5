// Amounts are whole minor units (README): 1250 with EUR's 2 minor units is 12.50.

export function formatMinor(minor: number, currency: string, minorUnits = 2, locale?: string): string {
  const value = minor / 10 ** minorUnits;
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: minorUnits,
      maximumFractionDigits: minorUnits,
    }).format(value);
  } catch {
    return `${value.toFixed(minorUnits)} ${currency}`;
  }
}

/**
 * Parses a decimal amount as typed ("12.5", "12,50", "1 200.00") into minor units without floating point.
 * Returns null when it is not a plain amount or has more decimals than the currency has.
 */
export function parseAmount(text: string, minorUnits = 2): number | null {
  const cleaned = text.trim().replace(/[\s_']/g, '').replace(',', '.');
  const m = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!m) return null;
  const fraction = m[2] ?? '';
  if (fraction.length > minorUnits) return null;
  const minor = Number(m[1]) * 10 ** minorUnits + Number(fraction.padEnd(minorUnits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}

export function currentMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}

export function today(now = new Date()): string {
  // The user's calendar day, not UTC's.
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}
