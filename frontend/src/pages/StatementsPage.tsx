import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ledger, type StatementExport } from '../api/ledger';
import { ApiError } from '../api/problem';
import { SessionEndedError } from '../auth/session';
import { Field, FormError } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { useDraft } from '../hooks';
import { currentMonth } from '../money';
import { useAccount } from './AccountLayout';

const POLL_MS = 1000;

/** /accounts/:id/statements: queue a CSV statement, follow it until it is ready, download it. */
export function StatementsPage() {
  const { account } = useAccount();
  const { values, set } = useDraft(`statement:${account.id}`, { month: currentMonth() });
  const [exports, setExports] = useState<StatementExport[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const job = await ledger.requestStatement(account.id, values.month);
      setExports((list) => [job, ...list]);
      setErrors({});
      setMessage(undefined);
    } catch (err) {
      if (err instanceof SessionEndedError) return;
      if (err instanceof ApiError) {
        setErrors(err.fieldErrors);
        setMessage(err.status === 503 ? 'Exports are unavailable right now. Please try again in a minute.' : err.summary);
      } else {
        setMessage('The server could not be reached. Please try again.');
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle title={`${account.name}: statements`}>Statements</PageTitle>
      <section className="card">
        <form onSubmit={submit} noValidate className="toolbar">
          <FormError message={message} />
          <Field label="Month" error={errors.month && `Month ${errors.month}`} required>
            {(p) => <input {...p} type="month" value={values.month} onChange={(e) => set('month', e.target.value)} />}
          </Field>
          <button type="submit" disabled={busy}>
            {busy ? 'Requesting…' : 'Export CSV statement'}
          </button>
        </form>
        {exports.length > 0 && (
          <ul className="exports" aria-label="Requested statements">
            {exports.map((job) => (
              <ExportItem key={job.id} initial={job} filename={`statement-${account.name}-${job.month}.csv`} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function ExportItem({ initial, filename }: { initial: StatementExport; filename: string }) {
  const [job, setJob] = useState(initial);
  const [error, setError] = useState<string>();
  const [href, setHref] = useState<string>();
  const link = useRef<HTMLAnchorElement>(null);

  useEffect(() => {
    if (job.status !== 'QUEUED') return;
    const timer = setTimeout(() => {
      ledger.statement(job.id).then(setJob, (e) => {
        if (!(e instanceof SessionEndedError)) setError(e instanceof ApiError ? e.summary : 'Status unavailable.');
      });
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);

  useEffect(() => () => {
    if (href) URL.revokeObjectURL(href);
  }, [href]);

  async function download() {
    try {
      const blob = await ledger.statementCsv(job.id);
      const url = URL.createObjectURL(blob);
      setHref(url);
      requestAnimationFrame(() => link.current?.click());
    } catch (e) {
      if (!(e instanceof SessionEndedError)) setError('The download failed. Please try again.');
    }
  }

  return (
    <li className="export">
      <span>Statement {job.month}</span>
      {job.status === 'QUEUED' && (
        <span className="export__progress" role="status">
          <progress aria-label={`Preparing the ${job.month} statement`} /> Preparing…
        </span>
      )}
      {job.status === 'FAILED' && <span role="alert">Failed: {job.error ?? 'unknown error'}</span>}
      {job.status === 'READY' && (
        <>
          <span role="status">Ready</span>
          <button type="button" onClick={download}>
            Download CSV
          </button>
          {href && (
            <a ref={link} href={href} download={filename} className="visually-hidden">
              {filename}
            </a>
          )}
        </>
      )}
      {error && <span role="alert">{error}</span>}
    </li>
  );
}
