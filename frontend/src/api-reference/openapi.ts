// The subset of OpenAPI 3.1 the gateway's generated document uses (see README "The API description"), and the
// helpers the reference page needs to read it: $ref resolution, operations grouped by tag, type labels.

export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  enum?: unknown[];
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
}

export interface Parameter {
  $ref?: string;
  name: string;
  in: string;
  description?: string;
  required?: boolean;
  schema?: Schema;
}

export interface MediaType {
  schema?: Schema;
}

export interface Response {
  $ref?: string;
  description?: string;
  content?: Record<string, MediaType>;
}

export interface RequestBody {
  $ref?: string;
  description?: string;
  required?: boolean;
  content?: Record<string, MediaType>;
}

export type SecurityRequirement = Record<string, string[]>;

export interface Operation {
  tags?: string[];
  summary?: string;
  description?: string;
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: RequestBody;
  responses?: Record<string, Response>;
  security?: SecurityRequirement[];
}

export interface SecurityScheme {
  type: string;
  description?: string;
  name?: string;
  in?: string;
  openIdConnectUrl?: string;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation | Parameter[]>>;
  components?: {
    schemas?: Record<string, Schema>;
    responses?: Record<string, Response>;
    parameters?: Record<string, Parameter>;
    requestBodies?: Record<string, RequestBody>;
    securitySchemes?: Record<string, SecurityScheme>;
  };
  security?: SecurityRequirement[];
}

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The last segment of a local reference: `#/components/schemas/Account` → `Account`. */
export function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/** Follows a local `#/...` reference (JSON Pointer); undefined when it points nowhere. */
export function resolveRef<T>(doc: OpenApiDocument, ref: string): T | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node as T | undefined;
}

/** The object itself, or what its $ref points to (one level: the generator never chains references). */
export function deref<T extends { $ref?: string }>(doc: OpenApiDocument, value: T): T {
  return value.$ref ? (resolveRef<T>(doc, value.$ref) ?? value) : value;
}

export interface OperationEntry {
  method: string;
  path: string;
  operation: Operation;
  /** Path-level parameters merged with the operation's (the operation's win, by name and location). */
  parameters: Parameter[];
}

export interface TagGroup {
  tag: string;
  operations: OperationEntry[];
}

/** Every operation under its first tag (untagged ones under "other"), in the document's path order. */
export function groupByTag(doc: OpenApiDocument): TagGroup[] {
  const groups = new Map<string, OperationEntry[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const shared = ((item.parameters as Parameter[] | undefined) ?? []).map((p) => deref(doc, p));
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (!operation) continue;
      const own = (operation.parameters ?? []).map((p) => deref(doc, p));
      const key = (p: Parameter) => `${p.in}:${p.name}`;
      const parameters = [...shared.filter((s) => !own.some((o) => key(o) === key(s))), ...own];
      const tag = operation.tags?.[0] ?? 'other';
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push({ method, path, operation, parameters });
    }
  }
  return [...groups].map(([tag, operations]) => ({ tag, operations }));
}

/** The security schemes an operation needs (its own requirement, else the document's); empty when public. */
export function securityOf(doc: OpenApiDocument, operation: Operation): string[] {
  const requirements = operation.security ?? doc.security ?? [];
  return [...new Set(requirements.flatMap((r) => Object.keys(r)))];
}

/** A one-line type: `string (uuid)`, `string | null`, `array of Account`, `Account`, `integer (int64)`. */
export function typeLabel(schema: Schema | undefined): string {
  if (!schema) return 'any';
  if (schema.$ref) return refName(schema.$ref);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const labels = types.map((t) => (t === 'array' ? `array of ${typeLabel(schema.items)}` : t));
  let label = labels.length ? labels.join(' | ') : schema.enum ? 'enum' : 'any';
  if (schema.format) label += ` (${schema.format})`;
  if (schema.enum) label += `: ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  return label;
}

/** Length limits of a string schema, e.g. `1–200 characters`; undefined without any. */
export function lengthLabel(schema: Schema | undefined): string | undefined {
  if (!schema || (schema.minLength === undefined && schema.maxLength === undefined)) return undefined;
  if (schema.maxLength === undefined) return `at least ${schema.minLength} characters`;
  return `${schema.minLength ?? 0}–${schema.maxLength} characters`;
}

/** True for an error status (4XX, 5XX, or a 4xx/5xx code). */
export function isError(status: string): boolean {
  return /^[45]/.test(status);
}
