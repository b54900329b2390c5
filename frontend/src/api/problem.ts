// RFC 9457 problem details as the services and the gateway send them; `errors` names the fields at fault (400).

/**
 * Field errors in either shape the services send: api-service's `{"field": "message"}` and auth-service's
 * `[{"field", "pointer", "detail"}]`.
 */
function fieldErrors(errors: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(errors)) {
    for (const e of errors) {
      if (e && typeof e === 'object' && typeof e.field === 'string') out[e.field] = String(e.detail ?? e.message ?? 'is invalid');
    }
  } else if (errors && typeof errors === 'object') {
    for (const [field, message] of Object.entries(errors as Record<string, unknown>)) out[field] = String(message);
  }
  return out;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly fieldErrors: Record<string, string>,
    readonly requestId?: string,
  ) {
    super(detail ?? title);
    this.name = 'ApiError';
  }

  static async from(res: Response): Promise<ApiError> {
    let body: Record<string, unknown> = {};
    const type = res.headers.get('Content-Type') ?? '';
    if (type.includes('json')) {
      body = await res.json().catch(() => ({}));
    }
    return new ApiError(
      res.status,
      typeof body.title === 'string' ? body.title : res.statusText || `HTTP ${res.status}`,
      typeof body.detail === 'string' ? body.detail : undefined,
      fieldErrors(body.errors),
      typeof body.requestId === 'string' ? body.requestId : (res.headers.get('X-Request-ID') ?? undefined),
    );
  }

  /** A sentence for the top of a form: the detail, or the title when there is none. */
  get summary(): string {
    return this.detail ?? this.title;
  }
}
