import { lengthLabel, typeLabel, type Parameter } from './openapi';

/** Path, query and header parameters: name, where, type (with its pattern and length limits), required. */
export function ParametersTable({ parameters }: { parameters: Parameter[] }) {
  if (!parameters.length) return null;
  return (
    <table className="api-params">
      <caption>Parameters</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">In</th>
          <th scope="col">Type</th>
          <th scope="col">Required</th>
        </tr>
      </thead>
      <tbody>
        {parameters.map((p) => {
          const length = lengthLabel(p.schema);
          return (
            <tr key={`${p.in}:${p.name}`}>
              <td>
                <code>{p.name}</code>
                {p.description && <div className="muted">{p.description}</div>}
              </td>
              <td>{p.in}</td>
              <td>
                {typeLabel(p.schema)}
                {p.schema?.pattern && (
                  <div>
                    pattern <code>{p.schema.pattern}</code>
                  </div>
                )}
                {length && <div className="muted">{length}</div>}
              </td>
              <td>{p.required ? 'yes' : 'no'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
