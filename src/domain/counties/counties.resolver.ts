import { Ctx, Query, Resolver } from 'type-graphql';
import { RequestContext } from '../../platform/common/context';
import { rows } from '../../platform/graphql/cost';
import { countiesByCode } from './counties.loaders';
import { County } from './county.entity';

@Resolver(() => County)
export class CountyResolver {
  @Query(() => [County], { complexity: rows(21), description: 'Sweden\'s 21 counties (län) with SCB\'s codes, by code.' })
  async counties(@Ctx() ctx: RequestContext): Promise<County[]> {
    return [...(await countiesByCode(ctx)).values()];
  }
}
