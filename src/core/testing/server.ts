import path from 'node:path';
import { createTestLinli, type TestLinli } from './index';
import { systemClock } from '../services';

/** A listening Linli for browser journeys: fresh database, demo data, the built web app. */
export async function startTestServer(opts: { demo?: boolean } = {}): Promise<{ url: string; linli: TestLinli; close(): Promise<void> }> {
  const linli = await createTestLinli({ demo: opts.demo ?? true, config: { webDir: path.resolve(process.env.LINLI_WEB_DIR ?? 'dist/web') } });
  // browser journeys run in real time
  Object.assign(linli.clock, { now: () => systemClock.now() });
  await linli.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = linli.app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}`, linli, close: () => linli.close() };
}
