import { Module } from '../../platform/http/module';
import { BoardMember } from './board.entity';
import { BoardMemberResolver, ForbundBoardResolver } from './board.resolver';
import { boardByForbund } from './board.loaders';

/** The board (förbundsstyrelse): seats per member organisation. */
export const boardModule: Module = {
  name: 'board',
  entities: [BoardMember],
  resolvers: [ForbundBoardResolver, BoardMemberResolver],
  loaders: { boardByForbund },
};
