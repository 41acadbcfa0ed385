import { describe, expect, it } from 'vitest';
import { factsOf, usagePlanOf } from './sp-api-models';

describe('SP-API model facts', () => {
  it('keeps structure and drops prose, examples and vendor extensions, but not properties named like them', () => {
    const schema = {
      type: 'object',
      description: 'Long prose.',
      example: { a: 1 },
      'x-docgen-enum-table-extension': [],
      required: ['description'],
      properties: { description: { type: 'string', maxLength: 1024, description: 'More prose.' }, status: { type: 'string', enum: ['A', 'B'] } },
    };
    expect(factsOf(schema)).toEqual({
      type: 'object',
      required: ['description'],
      properties: { description: { type: 'string', maxLength: 1024 }, status: { type: 'string', enum: ['A', 'B'] } },
    });
  });

  it('reads the usage plan table of an operation', () => {
    expect(usagePlanOf('Returns things.\n\n**Usage Plan:**\n\n| Rate (requests per second) | Burst |\n| ---- | ---- |\n| 0.0167 | 15 |\n')).toEqual({ rate: 0.0167, burst: 15 });
    expect(usagePlanOf('No plan here | 1 | 2 |')).toBeNull();
  });
});
