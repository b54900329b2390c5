import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { beginLogin, sessionState } from '../auth/session';
import { resume } from '../auth/pending';
import { FormError } from '../components/Field';
import { PageTitle } from '../components/PageTitle';

const REASONS: Record<string, string> = {
  expired: 'Your session has expired. Sign in again to continue where you left off.',
  rejected: 'Your session is no longer valid. Sign in again to continue where you left off.',
  'logged-out': 'You have signed out.',
};

/** The SPA's sign-in page: explains why the user is here and starts the authorization code flow. */
export function LoginPage() {
  const [params] = useSearchParams();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const reason = params.get('reason') ?? sessionState().ended;
  const returning = resume.peek()?.path;

  async function signIn() {
    setBusy(true);
    try {
      await beginLogin(params.get('next') ?? undefined);
    } catch {
      setBusy(false);
      setError('The sign-in service cannot be reached right now. Please try again.');
    }
  }

  return (
    <section className="card narrow">
      <PageTitle title="Sign in">Sign in</PageTitle>
      {reason && REASONS[reason] && (
        <p className="notice" role="status">
          {REASONS[reason]}
        </p>
      )}
      <FormError message={error ?? params.get('error') ?? undefined} />
      <p>You will enter your e-mail and password on the Gatewaystack sign-in page.</p>
      {returning && <p className="muted">Afterwards you will be back at {returning}.</p>}
      <button type="button" onClick={signIn} disabled={busy}>
        {busy ? 'Redirecting…' : 'Sign in'}
      </button>
      <p>
        New here? <Link to="/register">Create an account</Link>
      </p>
    </section>
  );
}
