import { Args, ArgsType, Ctx, Field, FieldResolver, Resolver, Root } from 'type-graphql';
import { YearArgs } from '../../platform/common/args';
import { RequestContext } from '../../platform/common/context';
import { AmountKind } from '../../platform/common/enums';
import { Forbund } from '../forbund/forbund.entity';
import { FinancialLine, Statement } from './financial-line.entity';
import { perYear } from '../../platform/graphql/cost';
import { financialLinesByForbund } from './finance.loaders';

@ArgsType()
class FinancialLineArgs extends YearArgs {
  @Field(() => Statement, { nullable: true, description: 'Only one statement (e.g. BALANCE_SHEET); all when absent.' })
  statement?: Statement;

  @Field(() => AmountKind, { nullable: true, description: 'Only outcome or only budget lines; both when absent.' })
  kind?: AmountKind;
}

@Resolver(() => Forbund)
export class ForbundFinanceResolver {
  @FieldResolver(() => [FinancialLine], {
    complexity: perYear(150, 2000),
    description: 'Financial statement lines (resultaträkning, balansräkning, kassaflödesanalys, noter, budget) for a year, in source order.',
  })
  async financialLines(@Root() forbund: Forbund, @Args() { year, statement, kind }: FinancialLineArgs, @Ctx() ctx: RequestContext): Promise<FinancialLine[]> {
    const lines = await ctx.loader(financialLinesByForbund).load({ id: forbund.id, filter: { year } });
    return lines.filter((l) => (!statement || l.statement === statement) && (!kind || l.kind === kind));
  }
}
