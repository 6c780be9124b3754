import type { CommunityCtx, RouteSchemas } from '../../core/http/route';
import type { RegistryView } from './queries';
import { keyringFor } from './pii';
import './tables';

/** Today's date in China (UTC+8), as the office's calendar reads it. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** How this request sees the registry: scoped database, keys, today, and the viewer's limits. */
export async function registryView<S extends RouteSchemas>(ctx: CommunityCtx<S>): Promise<RegistryView> {
  const all = ctx.permissions.has('registry.read.all');
  let buildingIds: string[] | null = null;
  if (!all) {
    const rows = await ctx.db
      .selectFrom('building_assignment')
      .select('building_assignment.building_id')
      .where('building_assignment.user_id', '=', ctx.actor.userId)
      .execute();
    buildingIds = rows.map((r) => r.building_id);
  }
  return {
    db: ctx.db,
    keyring: keyringFor(ctx.services.config.dataDir),
    today: chinaDate(ctx.now),
    buildingIds,
    sensitive: ctx.permissions.has('registry.sensitive'),
  };
}
