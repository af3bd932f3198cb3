import { getNamedType, getNullableType, isListType, isObjectType } from 'graphql';
import { createAppSchema } from '../../src/app/modules';
import { measureQuery, readmeQueries } from '../../scripts/limits';
import { DASHBOARD } from '../support/synthetic';

describe('default limits', () => {
  it('let every README query and the national dashboard through, with room to spare', async () => {
    const schema = await createAppSchema();
    const queries = [...readmeQueries(), { name: 'dashboard', text: DASHBOARD }];
    expect(queries.length).toBeGreaterThan(10);
    for (const q of queries) expect({ name: q.name, refusals: measureQuery(schema, q.text).refusals }).toEqual({ name: q.name, refusals: [] });
    // The dashboard over every förbund is the heaviest legitimate read: it must stay well under the cost limit.
    expect(measureQuery(schema, DASHBOARD).cost).toBeLessThan(100_000 / 2);
  });

  it('refuse the attack shapes found so far', async () => {
    const schema = await createAppSchema();
    const deep = '{ forbunds { observations { forbund { observations { forbund { observations { forbund { observations { forbund { observations { year } } } } } } } } } } }';
    expect(measureQuery(schema, deep).refusals.join()).toMatch(/depth limit of 10/);
    const shallower = '{ forbunds { observations { forbund { observations { forbund { observations { forbund { observations { year } } } } } } } } }';
    expect(measureQuery(schema, shallower).refusals.join()).toMatch(/cost \d+ > 100000/);
    const aliases = `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: nationalComparison(measure: "to_work_or_studies", year: 2017) { entries { rank } }`).join(' ')} }`;
    expect(measureQuery(schema, aliases).refusals.join()).toMatch(/Aliases limit of 30 exceeded/);
  });

  it('weigh every list field by the rows it can return: none is left to the fallback', async () => {
    const schema = await createAppSchema();
    const undeclared: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (isListType(getNullableType(field.type)) && field.extensions.complexity === undefined) undeclared.push(`${type.name}.${field.name}: [${getNamedType(field.type).name}]`);
      }
    }
    expect(undeclared).toEqual([]);
  });
});
