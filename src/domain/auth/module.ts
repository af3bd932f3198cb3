import { Module } from '../../platform/http/module';
import { ApiKey } from './api-key.entity';
import { KeysResolver } from './keys.resolver';

/** API keys (stored as hashes), who may write which förbund, and issueEditorKey for admins. */
export const authModule: Module = {
  name: 'auth',
  entities: [ApiKey],
  resolvers: [KeysResolver],
};
