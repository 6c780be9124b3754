import type { Db } from '../../core/db';
import type { Config } from '../../core/config';
import { appendAudit } from '../../core/audit/log';
import { reencrypt, rotateKey } from './lib/pii';
import { forgetKeyring } from './pii';
import './tables';

/**
 * `linli rotate-key`: a new data key becomes current and every encrypted value is re-encrypted
 * under it, in one transaction; older keys stay in the key file so a copy of an older backup can
 * still be read. Blind indexes do not change (their key does not rotate).
 */
export async function rotateDataKey(db: Db, config: Config): Promise<string> {
  if (process.env.LINLI_KEY) throw new Error('LINLI_KEY is set: rotate by deploying a new key and re-encrypting from the old one; the key file is not used');
  const keyring = rotateKey(config.dataDir);
  forgetKeyring(config.dataDir);
  let n = 0;
  await db.kysely.transaction().execute(async (tx) => {
    const rows = await tx.selectFrom('resident').select(['community_id', 'id', 'id_number_enc', 'phone_enc', 'phone2_enc']).execute();
    for (const r of rows) {
      const next = {
        id_number_enc: r.id_number_enc ? reencrypt(r.id_number_enc, keyring) : null,
        phone_enc: r.phone_enc ? reencrypt(r.phone_enc, keyring) : null,
        phone2_enc: r.phone2_enc ? reencrypt(r.phone2_enc, keyring) : null,
      };
      await tx.updateTable('resident').set(next).where('community_id', '=', r.community_id).where('id', '=', r.id).execute();
      n++;
    }
    await appendAudit(tx, db, { at: new Date().toISOString(), actorUserId: null, actorUsername: 'cli', ip: null, userAgent: 'linli rotate-key', requestId: null }, [
      { action: 'registry.rotate-key', entityType: 'key', entityId: keyring.current.id, after: { residents: n } },
    ]);
  });
  return `new data key ${keyring.current.id}; ${n} residents re-encrypted`;
}
