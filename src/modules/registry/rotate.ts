import { sql } from 'kysely';
import type { Db } from '../../core/db';
import type { Config } from '../../core/config';
import type { LinliModule } from '../../core/module';
import { appendAudit } from '../../core/audit/log';
import { reencrypt, rotateKey } from './lib/pii';
import { forgetKeyring } from './pii';
import { recordedKeyIds, recordKeyIds, sealedColumns } from './keys';
import './tables';

/**
 * `linli rotate-key`: a new data key becomes current and every sealed value of every module (ID
 * numbers and phones of residents, phones of members living elsewhere, of providers, callers,
 * partner units …) is re-encrypted under it, in one transaction; older keys stay in the key file so
 * a copy of an older backup can still be read. The new key's id is its fingerprint, never one the
 * data already uses. Blind indexes do not change (their key does not rotate).
 */
export async function rotateDataKey(db: Db, config: Config, modules: LinliModule[]): Promise<string> {
  if (process.env.LINLI_KEY) throw new Error('LINLI_KEY is set: rotate by deploying a new key and re-encrypting from the old one; the key file is not used');
  const { columns } = await sealedColumns(db, modules);
  const keyring = rotateKey(config.dataDir, new Set(await recordedKeyIds(db)));
  forgetKeyring(config.dataDir);
  const counts: Record<string, number> = {};
  const at = new Date();
  await db.kysely.transaction().execute(async (tx) => {
    await recordKeyIds(tx, [keyring.current.id], at);
    for (const t of columns) {
      const cols = t.columns.map((c) => sql.ref(c));
      const { rows } = await sql<Record<string, string | null>>`select community_id, id, ${sql.join(cols)} from ${sql.table(t.table)}`.execute(tx);
      let n = 0;
      for (const r of rows) {
        const set = t.columns.filter((c) => r[c]).map((c) => ({ c, before: r[c]!, after: reencrypt(r[c]!, keyring) }));
        const changed = set.filter((x) => x.after !== x.before);
        if (changed.length === 0) continue;
        await sql`update ${sql.table(t.table)} set ${sql.join(changed.map((x) => sql`${sql.ref(x.c)} = ${x.after}`))} where community_id = ${r.community_id} and id = ${r.id}`.execute(tx);
        n++;
      }
      counts[t.table] = (counts[t.table] ?? 0) + n;
    }
    await appendAudit(tx, db, { at: at.toISOString(), actorUserId: null, actorUsername: 'cli', ip: null, userAgent: 'linli rotate-key', requestId: null }, [
      { action: 'registry.rotate-key', entityType: 'key', entityId: keyring.current.id, after: { residents: counts.resident ?? 0, records: counts } },
    ]);
  });
  const done = Object.entries(counts).map(([table, n]) => `${table} ${n}`);
  return `new data key ${keyring.current.id}; re-encrypted: ${done.join(', ')}`;
}
