import { Module } from '../../platform/http/module';
import { Measure } from './measure.entity';
import { Observation } from './observation.entity';
import { ForbundObservationsResolver, MeasureResolver, NationalReferenceResolver, ObservationResolver, ShareResolver } from './measures.resolver';
import { AvailabilityResolver } from './availability.resolver';
import { allMeasures, nationalObservations, observationsByForbund } from './measures.loaders';

/** Measures (mått), observations in long format, national references and availability. */
export const measuresModule: Module = {
  name: 'measures',
  entities: [Measure, Observation],
  resolvers: [MeasureResolver, AvailabilityResolver, NationalReferenceResolver, ObservationResolver, ShareResolver, ForbundObservationsResolver],
  loaders: { allMeasures, nationalObservations, observationsByForbund },
};
