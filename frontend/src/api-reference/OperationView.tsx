import { ParametersTable } from './ParametersTable';
import { SchemaBlock } from './SchemaView';
import { deref, isError, securityOf, type OpenApiDocument, type OperationEntry, type Response } from './openapi';

const IDEMPOTENCY_KEY = 'idempotency-key';

/** The schemes an operation needs, e.g. "oauth2 (openIdConnect)", or "public". */
function AuthMarker({ doc, schemes }: { doc: OpenApiDocument; schemes: string[] }) {
  if (!schemes.length) return <span className="badge badge--public">public</span>;
  const described = schemes.map((name) => {
    const type = doc.components?.securitySchemes?.[name]?.type;
    return type ? `${name} (${type})` : name;
  });
  return <span className="badge badge--auth">auth: {described.join(', ')}</span>;
}

function ResponseItem({ doc, status, response }: { doc: OpenApiDocument; status: string; response: Response }) {
  const resolved = deref(doc, response);
  const content = Object.entries(resolved.content ?? {});
  return (
    <li>
      <strong>{status}</strong> {resolved.description}
      {content.map(([type, media]) => (
        <div key={type} className="api-body">
          <code>{type}</code> <SchemaBlock doc={doc} schema={media.schema} />
        </div>
      ))}
    </li>
  );
}

/** One method on one path: a summary line (method, path, auth) that opens to its parameters, bodies and errors. */
export function OperationView({ doc, entry }: { doc: OpenApiDocument; entry: OperationEntry }) {
  const { method, path, operation, parameters } = entry;
  const schemes = securityOf(doc, operation);
  const idempotent = parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === IDEMPOTENCY_KEY);
  const responses = Object.entries(operation.responses ?? {});
  const successes = responses.filter(([status]) => !isError(status));
  const errors = responses.filter(([status]) => isError(status));
  const body = operation.requestBody && deref(doc, operation.requestBody);
  return (
    <details className="operation" data-testid={`operation-${method.toUpperCase()} ${path}`}>
      <summary>
        <span className={`method method--${method}`}>{method.toUpperCase()}</span> <code className="operation__path">{path}</code>{' '}
        <AuthMarker doc={doc} schemes={schemes} />
        {idempotent && <span className="badge">Idempotency-Key</span>}
      </summary>
      <div className="operation__body">
        {operation.summary && <p>{operation.summary}</p>}
        {operation.description && <p className="muted">{operation.description}</p>}
        {idempotent && (
          <p>
            Send an <code>Idempotency-Key</code> header, new for each new request: a retry with the same key answers the
            first result again.
          </p>
        )}
        <ParametersTable parameters={parameters} />
        {body && (
          <section>
            <h4>Request body{body.required ? ' (required)' : ''}</h4>
            {Object.entries(body.content ?? {}).map(([type, media]) => (
              <div key={type} className="api-body">
                <code>{type}</code> <SchemaBlock doc={doc} schema={media.schema} />
              </div>
            ))}
          </section>
        )}
        <section>
          <h4>Responses</h4>
          <ul className="api-responses">
            {successes.map(([status, response]) => (
              <ResponseItem key={status} doc={doc} status={status} response={response} />
            ))}
          </ul>
        </section>
        {errors.length > 0 && (
          <section>
            <h4>Error responses</h4>
            <ul className="api-responses">
              {errors.map(([status, response]) => (
                <ResponseItem key={status} doc={doc} status={status} response={response} />
              ))}
            </ul>
          </section>
        )}
      </div>
    </details>
  );
}
