import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { Link, Navigate, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { logout, sessionState, subscribe, trackRoute } from './auth/session';
import { resume } from './auth/pending';
import { AccountLayout } from './pages/AccountLayout';
import { ApiReferencePage } from './pages/ApiReferencePage';
import { AccountsPage } from './pages/AccountsPage';
import { CallbackPage } from './pages/CallbackPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RegisterPage } from './pages/RegisterPage';
import { StatementsPage } from './pages/StatementsPage';
import { SummaryPage } from './pages/SummaryPage';
import { TransactionsPage } from './pages/TransactionsPage';

export function useSession() {
  return useSyncExternalStore(subscribe, sessionState);
}

/** Pages that need a signed-in user; others see the login page and come back here after signing in. */
function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session.signedIn) {
    if (!resume.peek() && session.ended !== 'logged-out') resume.save({ path: location.pathname + location.search, drafts: {} });
    return <Navigate to={session.ended ? `/login?reason=${session.ended}` : '/login'} replace />;
  }
  return <>{children}</>;
}

export function App() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const here = location.pathname + location.search;

  useEffect(() => trackRoute(() => here), [here]);

  // A session that ends (expired, rejected token, log-out) shows the login page with the reason.
  useEffect(
    () =>
      subscribe((s) => {
        if (!s.signedIn && s.ended) navigate(`/login?reason=${s.ended}`, { replace: s.ended !== 'logged-out' });
      }),
    [navigate],
  );

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to={session.signedIn ? '/accounts' : '/'} className="brand">
          Gatewaystack Ledger
        </Link>
        <nav aria-label="Main" className="site-nav">
          {session.signedIn ? (
            <>
              <NavLink to="/accounts">Accounts</NavLink>
              {session.email && (
                <span className="muted user" data-testid="user-email">
                  {session.email}
                </span>
              )}
              <button type="button" className="link-button" onClick={() => void logout()}>
                Log out
              </button>
            </>
          ) : (
            <>
              <NavLink to="/login">Sign in</NavLink>
              <NavLink to="/register">Register</NavLink>
            </>
          )}
          <NavLink to="/api-reference">API</NavLink>
        </nav>
      </header>
      <main id="main">
        <Routes>
          <Route path="/" element={<Navigate to={session.signedIn ? '/accounts' : '/login'} replace />} />
          <Route path="/login" element={<LoginPage />} />
          <Route path="/register" element={<RegisterPage />} />
          <Route path="/callback" element={<CallbackPage />} />
          {/* Public: the gateway's SPA fallback answers /api-reference with index.html (only /api/... is reserved). */}
          <Route path="/api-reference" element={<ApiReferencePage />} />
          <Route
            path="/accounts"
            element={
              <RequireSession>
                <AccountsPage />
              </RequireSession>
            }
          />
          <Route
            path="/accounts/:id"
            element={
              <RequireSession>
                <AccountLayout />
              </RequireSession>
            }
          >
            <Route index element={<TransactionsPage />} />
            <Route path="summary" element={<SummaryPage />} />
            <Route path="statements" element={<StatementsPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </main>
    </>
  );
}
