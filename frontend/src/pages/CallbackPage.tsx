import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { completeLogin } from '../auth/session';
import { PageTitle } from '../components/PageTitle';

/** /callback: auth-service redirects here with the authorization code. */
export function CallbackPage() {
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  useEffect(() => {
    completeLogin(location.search).then(
      (path) => navigate(path, { replace: true }),
      (e: Error) => setError(e.message),
    );
  }, [navigate]);
  if (!error) {
    return (
      <p role="status" className="card narrow">
        Signing you in…
      </p>
    );
  }
  return (
    <section className="card narrow">
      <PageTitle title="Sign-in failed">Sign-in failed</PageTitle>
      <p role="alert">{error}</p>
      <Link className="button" to="/login">
        Try again
      </Link>
    </section>
  );
}
