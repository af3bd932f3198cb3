import { Module } from '../../platform/http/module';
import { ApiKey } from './api-key.entity';

/** API keys (stored as hashes) and who may write which förbund. */
export const authModule: Module = {
  name: 'auth',
  entities: [ApiKey],
};
