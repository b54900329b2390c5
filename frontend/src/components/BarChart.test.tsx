import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BarChart } from './BarChart';

describe('BarChart', () => {
  const categories = [
    { category: 'salary', incomeMinor: 300000, expenseMinor: 0, netMinor: 300000, count: 1 },
    { category: 'rent', incomeMinor: 0, expenseMinor: 150000, netMinor: -150000, count: 1 },
  ];
  const format = (m: number) => `${(m / 100).toFixed(2)} EUR`;

  it('draws one income and one expense bar per category, scaled to the largest amount', () => {
    const { container } = render(<BarChart categories={categories} format={format} title="May" />);
    const salary = container.querySelector('[data-category="salary"]')!;
    const rent = container.querySelector('[data-category="rent"]')!;
    const width = (g: Element, cls: string) => Number(g.querySelector(`.${cls}`)!.getAttribute('width'));
    expect(width(salary, 'chart__income')).toBe(2 * width(rent, 'chart__expense'));
    expect(width(salary, 'chart__expense')).toBe(0);
    expect(width(rent, 'chart__income')).toBe(0);
  });

  it('describes the figures for screen readers', () => {
    render(<BarChart categories={categories} format={format} title="May" />);
    expect(screen.getByRole('img')).toHaveAccessibleName(
      'May: salary income 3000.00 EUR, expense 0.00 EUR; rent income 0.00 EUR, expense 1500.00 EUR',
    );
  });
});
