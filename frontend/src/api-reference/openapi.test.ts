import { describe, expect, it } from 'vitest';
import { groupByTag, lengthLabel, resolveRef, securityOf, typeLabel, type OpenApiDocument } from './openapi';

const doc: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  security: [{ oauth2: [] }],
  paths: {
    '/a/{id}': {
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'trace', in: 'header', schema: { type: 'string' } },
      ],
      get: { tags: ['x'], parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', format: 'int32' } }] },
      post: { security: [] },
    },
  },
  components: { schemas: { 'a/b': { type: 'object' } } },
};

describe('reading the OpenAPI document', () => {
  it('merges path-level parameters into each operation, the operation winning by name and location', () => {
    const [x, other] = groupByTag(doc);
    expect(x.tag).toBe('x');
    expect(x.operations[0].parameters.map((p) => `${p.name}:${typeLabel(p.schema)}`)).toEqual(['trace:string', 'id:integer (int32)']);
    expect(other).toMatchObject({ tag: 'other', operations: [{ method: 'post', path: '/a/{id}' }] });
  });

  it('takes the document-wide security unless the operation overrides it (an empty list: public)', () => {
    const get = doc.paths['/a/{id}'].get as never;
    const post = doc.paths['/a/{id}'].post as never;
    expect(securityOf(doc, get)).toEqual(['oauth2']);
    expect(securityOf(doc, post)).toEqual([]);
  });

  it('labels types, unions, arrays, enums and length limits', () => {
    expect(typeLabel({ type: ['array', 'null'], items: { $ref: '#/components/schemas/Account' } })).toBe('array of Account | null');
    expect(typeLabel({ type: 'string', enum: ['OPEN', 'CLOSED'] })).toBe('string: "OPEN", "CLOSED"');
    expect(typeLabel(undefined)).toBe('any');
    expect(lengthLabel({ type: 'string', minLength: 1, maxLength: 200 })).toBe('1–200 characters');
    expect(lengthLabel({ type: 'string' })).toBeUndefined();
  });

  it('follows JSON Pointer references, escapes included', () => {
    expect(resolveRef(doc, '#/components/schemas/a~1b')).toEqual({ type: 'object' });
    expect(resolveRef(doc, '#/components/schemas/missing')).toBeUndefined();
    expect(resolveRef(doc, 'https://elsewhere/x.json')).toBeUndefined();
  });
});
