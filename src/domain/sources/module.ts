import { Module } from '../../platform/http/module';
import { SourceDocument } from './source-document.entity';
import { ForbundSourcesResolver, ProvenanceResolver, SourceDocumentResolver } from './sources.resolver';
import { documentById, documentsByForbund } from './sources.loaders';

/** Source documents (källdokument) and every figure's provenance. */
export const sourcesModule: Module = {
  name: 'sources',
  entities: [SourceDocument],
  resolvers: [SourceDocumentResolver, ForbundSourcesResolver, ProvenanceResolver],
  loaders: { documentById, documentsByForbund },
};
