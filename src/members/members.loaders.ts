import { RequestContext } from '../common/context';
import { inForce } from '../common/validity';
import { EntityManager, In } from 'typeorm';
import { byKeyLoader, groupedLoader } from '../common/loaders';
import { Membership } from './membership.entity';
import { Organisation } from './organisation.entity';

export const membershipsByForbund = (db: EntityManager, ctx: RequestContext) =>
  groupedLoader<null, Membership>(
    (ids) => db.find(Membership, { where: { forbundId: In(ids), ...inForce(ctx.asOf) }, order: { id: 'ASC' } }),
    (m) => m.forbundId,
  );

export const organisationById = (db: EntityManager) =>
  byKeyLoader<number, Organisation>((ids) => db.find(Organisation, { where: { id: In(ids) } }), (o) => o.id);
