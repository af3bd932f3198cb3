import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { RequestContext } from '../common/context';
import { Forbund } from './forbund.entity';

@Resolver(() => Forbund)
export class ForbundResolver {
  @Query(() => [Forbund], { description: 'Every samordningsförbund in the database, by slug.' })
  forbunds(@Ctx() ctx: RequestContext): Promise<Forbund[]> {
    return ctx.db.find(Forbund, { order: { slug: 'ASC' } });
  }

  @Query(() => Forbund, { nullable: true, description: 'One samordningsförbund by its slug; null when there is none with that slug.' })
  forbund(@Arg('slug', { description: 'The förbund\'s slug, e.g. "uppsala".' }) slug: string, @Ctx() ctx: RequestContext): Promise<Forbund | null> {
    return ctx.db.findOne(Forbund, { where: { slug } });
  }
}
