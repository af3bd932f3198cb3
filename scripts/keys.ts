/**
 * npm run keys -- create --name NAME --role EDITOR --forbund SLUG   (or --role ADMIN)
 * npm run keys -- list
 * npm run keys -- revoke ID
 * A new key is printed once; only its hash is stored.
 */
import 'reflect-metadata';
import { openPrepared } from '../src/app/app';
import { ApiKey } from '../src/domain/auth/api-key.entity';
import { createApiKey } from '../src/domain/auth/keys';
import { readConfig } from '../src/app/config';
import { runCli } from './cli';

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (!['create', 'list', 'revoke'].includes(command ?? '')) {
    console.error('usage: npm run keys -- create --name NAME --role EDITOR|ADMIN [--forbund SLUG] | list | revoke ID');
    return 2;
  }
  const { db } = await openPrepared(readConfig());
  const em = db.dataSource.manager;
  try {
    if (command === 'create') {
      const role = option(args, 'role');
      const name = option(args, 'name');
      if ((role !== 'EDITOR' && role !== 'ADMIN') || !name) {
        console.error('create needs --name NAME and --role EDITOR|ADMIN');
        return 2;
      }
      const { id, secret } = await createApiKey(em, { name, role, forbundSlug: option(args, 'forbund') });
      console.log(`Key ${id} (${role}${role === 'EDITOR' ? ` of ${option(args, 'forbund')}` : ''}) created. It is shown only now:\n${secret}`);
    } else if (command === 'list') {
      for (const k of await em.find(ApiKey, { order: { id: 'ASC' } })) {
        console.log(`${k.id}\t${k.role}\t${k.forbundId ?? '-'}\t${k.name}\t${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active'}`);
      }
    } else {
      const id = Number(args[0]);
      const { affected } = await em.update(ApiKey, { id }, { revokedAt: new Date() });
      console.log(affected ? `Key ${id} revoked.` : `No key ${args[0]}.`);
      if (!affected) return 1;
    }
    return 0;
  } finally {
    await db.close();
  }
}

runCli(main);
