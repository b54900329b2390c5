import { useSearchParams } from 'react-router-dom';
import { ledger } from '../api/ledger';
import { BarChart } from '../components/BarChart';
import { Field, FormError } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { useLoad } from '../hooks';
import { currentMonth } from '../money';
import { useAccount } from './AccountLayout';

/** /accounts/:id/summary?month=yyyy-MM: income and expense by category (fed by Kafka: may lag a second). */
export function SummaryPage() {
  const { account, format } = useAccount();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? currentMonth();
  const { data, error, loading, reload } = useLoad(() => ledger.summary(account.id, month), [account.id, month]);

  return (
    <>
      <PageTitle title={`${account.name}: summary ${month}`}>Monthly summary</PageTitle>
      <section className="card">
        <div className="toolbar">
          <Field label="Month">
            {(p) => (
              <input
                {...p}
                type="month"
                value={month}
                onChange={(e) => e.target.value && setParams({ month: e.target.value })}
              />
            )}
          </Field>
          <button type="button" onClick={reload} disabled={loading}>
            Refresh
          </button>
        </div>
        {error && <FormError message={error} />}
        {data && (
          <>
            <dl className="totals" aria-live="polite">
              <div>
                <dt>Income</dt>
                <dd data-testid="summary-income">{format(data.incomeMinor)}</dd>
              </div>
              <div>
                <dt>Expense</dt>
                <dd data-testid="summary-expense">{format(data.expenseMinor)}</dd>
              </div>
              <div>
                <dt>Net</dt>
                <dd data-testid="summary-net">{format(data.netMinor)}</dd>
              </div>
              <div>
                <dt>Transactions</dt>
                <dd data-testid="summary-count">{data.count}</dd>
              </div>
            </dl>
            {data.categories.length === 0 ? (
              <p>No transactions in {month} yet.</p>
            ) : (
              <>
                <BarChart categories={data.categories} format={format} title={`Income and expense by category, ${month}`} />
                <table className="summary-table">
                  <caption>By category</caption>
                  <thead>
                    <tr>
                      <th scope="col">Category</th>
                      <th scope="col" className="num">
                        Income
                      </th>
                      <th scope="col" className="num">
                        Expense
                      </th>
                      <th scope="col" className="num">
                        Count
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.categories.map((c) => (
                      <tr key={c.category}>
                        <th scope="row">{c.category}</th>
                        <td className="num">{format(c.incomeMinor)}</td>
                        <td className="num">{format(c.expenseMinor)}</td>
                        <td className="num">{c.count}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </>
        )}
      </section>
    </>
  );
}
