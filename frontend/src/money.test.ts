import { describe, expect, it } from 'vitest';
import { currentMonth, formatMinor, parseAmount, today } from './money';

describe('parseAmount', () => {
  it('reads decimal amounts as whole minor units without floating point drift', () => {
    expect(parseAmount('12.50')).toBe(1250);
    expect(parseAmount('12,5')).toBe(1250);
    expect(parseAmount('0.07')).toBe(7);
    expect(parseAmount('1 200')).toBe(120000);
    expect(parseAmount('19.99')).toBe(1999);
  });

  it('respects the currency minor units', () => {
    expect(parseAmount('1500', 0)).toBe(1500);
    expect(parseAmount('1.5', 0)).toBeNull();
    expect(parseAmount('1.234', 3)).toBe(1234);
  });

  it('rejects what is not a plain positive amount', () => {
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('abc')).toBeNull();
    expect(parseAmount('-5')).toBeNull();
    expect(parseAmount('1.234')).toBeNull();
    expect(parseAmount('1e5')).toBeNull();
  });
});

describe('formatMinor', () => {
  it('formats minor units in the currency', () => {
    expect(formatMinor(-1250, 'EUR', 2, 'en-US')).toBe('-€12.50');
    expect(formatMinor(1500, 'JPY', 0, 'en-US')).toBe('¥1,500');
  });
});

describe('dates', () => {
  it('gives the month and day as the API expects them', () => {
    const d = new Date(2025, 4, 3, 12, 0, 0);
    expect(today(d)).toBe('2025-05-03');
    expect(currentMonth(new Date(Date.UTC(2025, 4, 31, 12)))).toBe('2025-05');
  });
});
