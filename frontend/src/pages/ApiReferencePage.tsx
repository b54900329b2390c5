import { useEffect, useState } from 'react';
import { ApiError } from '../api/problem';
import { OPENAPI_PATH, fetchOpenApi } from '../api-reference/load';
import { groupByTag, type OpenApiDocument } from '../api-reference/openapi';
import { OperationView } from '../api-reference/OperationView';
import { PageTitle } from '../components/PageTitle';

type State =
  | { kind: 'loading' }
  | { kind: 'loaded'; doc: OpenApiDocument }
  | { kind: 'failed'; title: string; detail?: string };

/** The API reference, read from the OpenAPI document the gateway serves: public, no sign-in needed. */
export function ApiReferencePage() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    setState({ kind: 'loading' });
    fetchOpenApi(abort.signal).then(
      (doc) => setState({ kind: 'loaded', doc }),
      (e: unknown) => {
        if (abort.signal.aborted) return;
        if (e instanceof ApiError) setState({ kind: 'failed', title: e.title, detail: e.detail });
        else setState({ kind: 'failed', title: 'Could not load the API description', detail: String((e as Error)?.message ?? e) });
      },
    );
    return () => abort.abort();
  }, [attempt]);

  return (
    <section className="card api-reference">
      <PageTitle title="API reference">API reference</PageTitle>
      <p className="muted">
        Every public route of the gateway, from <a href={OPENAPI_PATH}>{OPENAPI_PATH}</a> (OpenAPI 3.1, generated from
        the route annotations at build time).
      </p>
      {state.kind === 'loading' && <p role="status">Loading the API description…</p>}
      {state.kind === 'failed' && (
        <div role="alert" className="form-error">
          <strong>{state.title}</strong>
          {state.detail && <p>{state.detail}</p>}
          <button type="button" className="button" onClick={() => setAttempt((a) => a + 1)}>
            Try again
          </button>
        </div>
      )}
      {state.kind === 'loaded' && (
        <>
          <p>
            {state.doc.info.title} · version {state.doc.info.version}
          </p>
          {groupByTag(state.doc).map((group) => (
            <section key={group.tag} aria-labelledby={`tag-${group.tag}`}>
              <h2 id={`tag-${group.tag}`}>{group.tag}</h2>
              {group.operations.map((entry) => (
                <OperationView key={`${entry.method} ${entry.path}`} doc={state.doc} entry={entry} />
              ))}
            </section>
          ))}
        </>
      )}
    </section>
  );
}
