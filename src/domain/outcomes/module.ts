import { Module } from '../../platform/http/module';
import { ForbundOutcomeResolver } from './outcomes.resolver';

/** SUS participants and outcomes of a förbund's year (deltagare och resultat). */
export const outcomesModule: Module = {
  name: 'outcomes',
  resolvers: [ForbundOutcomeResolver],
};
