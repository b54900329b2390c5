import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { register } from '../api/ledger';
import { ApiError } from '../api/problem';
import { Field, FormError, focusFirstInvalid } from '../components/Field';
import { PageTitle } from '../components/PageTitle';

export function RegisterPage() {
  const form = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== confirm) {
      setErrors({ confirm: 'does not match the password' });
      setMessage(undefined);
      focusFirstInvalid(form.current);
      return;
    }
    setBusy(true);
    try {
      const res = await register(email.trim(), password);
      if (res.status === 201) {
        setDone(email.trim());
        return;
      }
      const problem = await ApiError.from(res);
      const fieldErrors = { ...problem.fieldErrors };
      if (res.status === 409) fieldErrors.email = 'is already registered; sign in instead';
      setErrors(fieldErrors);
      setMessage(Object.keys(fieldErrors).length ? 'Please correct the marked fields.' : problem.summary);
      focusFirstInvalid(form.current);
    } catch {
      setMessage('The server could not be reached. Please try again.');
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <section className="card narrow">
        <PageTitle title="Account created">Welcome!</PageTitle>
        <p role="status">
          Your account <strong>{done}</strong> is ready.
        </p>
        <Link className="button" to="/login">
          Sign in
        </Link>
      </section>
    );
  }

  return (
    <section className="card narrow">
      <PageTitle title="Create an account">Create an account</PageTitle>
      <form ref={form} onSubmit={submit} noValidate>
        <FormError message={message} />
        <Field label="E-mail" error={errors.email && `E-mail ${errors.email}`} required>
          {(p) => (
            <input {...p} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          )}
        </Field>
        <Field
          label="Password"
          hint="At least 12 characters."
          error={errors.password && `Password ${errors.password}`}
          required
        >
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <Field label="Repeat the password" error={errors.confirm && `Password ${errors.confirm}`} required>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create account'}
        </button>
      </form>
      <p>
        Already registered? <Link to="/login">Sign in</Link>
      </p>
    </section>
  );
}
