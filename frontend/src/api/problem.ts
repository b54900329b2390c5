// RFC 9457 problem details as the services and the gateway send them; `errors` names the fields at fault (400).

/** Field errors: `{"field": "message"}`, the one shape every service and the gateway send. */
function fieldErrors(errors: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (errors && typeof errors === 'object' && !Array.isArray(errors)) {
    for (const [field, message] of Object.entries(errors as Record<string, unknown>)) {
      if (typeof message === 'string') out[field] = message;
    }
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
