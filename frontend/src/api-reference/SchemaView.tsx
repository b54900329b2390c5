import { refName, resolveRef, typeLabel, type OpenApiDocument, type Schema } from './openapi';

/** What is worth expanding below a type label: a named schema, an object with properties, or an array's items. */
function nested(schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref || schema.properties) return schema;
  return schema.items ? nested(schema.items) : undefined;
}

interface Props {
  doc: OpenApiDocument;
  schema: Schema;
  /** Named schemas already open above this one: a recursive type is named again, not expanded forever. */
  seen?: readonly string[];
}

/** A schema as a nested list of properties: name, type, required or optional, and their own properties below. */
export function SchemaView({ doc, schema, seen = [] }: Props) {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    const target = resolveRef<Schema>(doc, schema.$ref);
    if (!target || seen.includes(name)) return null;
    return (
      <div className="schema">
        <p className="schema__name">
          <code>{name}</code>
          {target.description && <span className="muted"> · {target.description}</span>}
        </p>
        <SchemaView doc={doc} schema={target} seen={[...seen, name]} />
      </div>
    );
  }
  if (schema.properties) {
    const required = new Set(schema.required ?? []);
    return (
      <ul className="schema__properties">
        {Object.entries(schema.properties).map(([name, property]) => {
          const below = nested(property);
          return (
            <li key={name}>
              <code>{name}</code> <span className="schema__type">{typeLabel(property)}</span>{' '}
              <span className={required.has(name) ? 'badge' : 'muted'}>{required.has(name) ? 'required' : 'optional'}</span>
              {property.pattern && (
                <>
                  {' '}
                  pattern <code>{property.pattern}</code>
                </>
              )}
              {property.description && <div className="muted">{property.description}</div>}
              {below && <SchemaView doc={doc} schema={below} seen={seen} />}
            </li>
          );
        })}
      </ul>
    );
  }
  const items = nested(schema.items);
  return items ? <SchemaView doc={doc} schema={items} seen={seen} /> : null;
}

/** A body's type on one line (a named schema names itself), then its structure. */
export function SchemaBlock({ doc, schema }: { doc: OpenApiDocument; schema: Schema | undefined }) {
  if (!schema) return <span className="muted">no schema declared</span>;
  return (
    <>
      {!schema.$ref && <span className="schema__type">{typeLabel(schema)}</span>}
      <SchemaView doc={doc} schema={schema} />
    </>
  );
}
