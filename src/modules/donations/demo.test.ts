import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, type TestLinli } from '../../core/testing';
import type { ReportSection } from '../../core/module';
import { donationsModule } from '.';

/** The demo's drives — for a disaster area, for poor mothers — come out of the gifts through the report section. */
let l: TestLinli;
let today: string;
let from: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  l = await createTestLinli({ demo: true });
  today = l.clock.now().toISOString().slice(0, 10);
  from = `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`;
  for (const c of await l.services.db.kysely.selectFrom('community').select(['id', 'name']).execute()) ids[c.name] = c.id;
}, 120_000);
afterAll(() => l.close());

const section = (name: string): Promise<ReportSection> => donationsModule.reportSection!({ db: l.services.db, communityId: ids[name], from, to: today });

describe('demo donations over the two years ending on the seed day', () => {
  for (const name of ['怡丽北园社区', '春晖社区']) {
    it(`${name}: two drives; money, goods and donors are the sums of the recorded gifts`, async () => {
      const k = l.services.db.kysely;
      const cid = ids[name];
      expect(cid).toBeDefined();
      const gifts = await k.selectFrom('donation_gift').selectAll().where('community_id', '=', cid).execute();
      const drives = await k.selectFrom('donation_drive').selectAll().where('community_id', '=', cid).execute();
      expect(drives).toHaveLength(2);
      expect(gifts.every((g) => g.given_on >= from && g.given_on <= today)).toBe(true);
      const fen = gifts.reduce((s, g) => s + (g.amount_fen ?? 0), 0);
      const donors = new Set(gifts.map((g) => (g.donor_kind === 'resident' ? `r${g.resident_id}` : g.donor_kind === 'unit' ? `u${g.donor_name}` : `a${g.id}`)));
      const f = Object.fromEntries((await section(name)).figures.map((x) => [x.key, x.value]));
      expect(f).toEqual({ drives: 2, money: `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`, goods: gifts.filter((g) => g.kind === 'goods').length, donors: donors.size });
      expect(fen).toBeGreaterThan(100_000);
      expect(gifts.some((g) => g.donor_kind === 'anonymous')).toBe(true);
      expect(gifts.some((g) => g.donor_kind === 'resident')).toBe(true);
      expect((await section(name)).highlights).toHaveLength(1);
    });
  }
});
