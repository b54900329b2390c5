import { useCallback, useEffect, useRef, useState } from 'react';
import { ledger, type ReferenceData } from './api/ledger';
import { SessionEndedError } from './auth/session';
import { clearDraft, setDraft, restoredDraft } from './auth/drafts';
import { ApiError } from './api/problem';

/** Loads data for a page; a SessionEndedError is swallowed (the app is on its way to the login page). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    setLoading(true);
    run()
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(undefined);
      })
      .catch((e) => {
        if (!live || e instanceof SessionEndedError) return;
        setError(e instanceof ApiError ? e.summary : String(e.message ?? e));
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [run, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload, setData };
}

export function useReferenceData(): ReferenceData | undefined {
  const [data, setData] = useState<ReferenceData>();
  useEffect(() => {
    ledger.referenceData().then(setData, () => undefined);
  }, []);
  return data;
}

/**
 * Form state that survives the end of a session: kept in the drafts registry as the user types, and filled
 * back in from a restored draft after the next sign-in.
 */
export function useDraft<T extends Record<string, string>>(key: string, initial: T) {
  const [values, setValues] = useState<T>(() => ({ ...initial, ...(restoredDraft(key) as Partial<T>) }));
  const keyRef = useRef(key);
  keyRef.current = key;
  useEffect(() => {
    setDraft(key, values);
  }, [key, values]);
  const set = useCallback((name: keyof T, value: string) => setValues((v) => ({ ...v, [name]: value })), []);
  const reset = useCallback(
    (next: T) => {
      clearDraft(keyRef.current);
      setValues(next);
    },
    [],
  );
  return { values, set, reset };
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
