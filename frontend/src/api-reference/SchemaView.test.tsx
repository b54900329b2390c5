import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from './openapi';
import { SchemaBlock } from './SchemaView';

describe('SchemaBlock', () => {
  it('expands a recursive schema once and names it again below instead of looping', () => {
    const doc: OpenApiDocument = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {},
      components: {
        schemas: {
          Node: {
            type: 'object',
            required: ['name'],
            properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
          },
        },
      },
    };
    render(<SchemaBlock doc={doc} schema={{ $ref: '#/components/schemas/Node' }} />);
    expect(screen.getAllByText('Node')).toHaveLength(1);
    expect(screen.getByText('children').closest('li')).toHaveTextContent('children array of Node optional');
    expect(screen.getByText('name').closest('li')).toHaveTextContent('name string required');
  });
});
