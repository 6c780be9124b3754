import path from 'node:path';
import { createTestLinli, TestClock, type TestLinli } from './index';

/**
 * How many days ahead of the real date the browser journeys run: `LINLI_E2E_SHIFT_DAYS=365 npm run
 * test:e2e` seeds, serves and browses a year from now, to prove the journeys do not depend on the day
 * they were written.
 */
export const e2eShiftDays = (): number => Number(process.env.LINLI_E2E_SHIFT_DAYS ?? 0) || 0;

/**
 * A listening Linli for browser journeys: fresh database, demo data, the built web app. The demo is
 * seeded on the same running clock the server then serves on, so its "two years ending today" are
 * the report's.
 */
export async function startTestServer(opts: { demo?: boolean } = {}): Promise<{ url: string; linli: TestLinli; now(): Date; close(): Promise<void> }> {
  const clock = TestClock.running(e2eShiftDays());
  const linli = await createTestLinli({ demo: opts.demo ?? true, clock, config: { webDir: path.resolve(process.env.LINLI_WEB_DIR ?? 'dist/web') } });
  await linli.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = linli.app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}`, linli, now: () => clock.now(), close: () => linli.close() };
}
