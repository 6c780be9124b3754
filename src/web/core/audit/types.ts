// TODO(server): replace with the core's audit schema types once exported.

export type AuditOutcome = 'ok' | 'denied' | 'failed';

/** One line of the audit log (审计日志). */
export interface AuditEntry {
  seq: number;
  /** ISO timestamp, UTC */
  at: string;
  actorUsername: string | null;
  ip: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  communityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  outcome: AuditOutcome;
}

export interface AuditFilters {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  communityId?: string;
  /** ISO timestamps */
  from?: string;
  to?: string;
}
