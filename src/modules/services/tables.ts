/** The services module's tables, added to the core's Database type. */

/**
 * 服务项目 — one entry of the service catalogue: a hall service (一站式服务大厅: 劳动保障, 民政 …) with
 * the staff member responsible and their duties, or a station service (社区服务站: 送餐, 理发 …)
 * offered by providers that joined. `door` marks services also brought to residents' homes.
 */
export interface ServiceItemTable {
  community_id: string;
  id: string;
  /** hall | station */
  area: string;
  name: string;
  /** a stable short code for the built-in kinds (meals, vegetables, haircut, waste …); null for others the community adds */
  code: string | null;
  /** 职责 — the duties shown on the duty board, or what the station service covers */
  duties: string | null;
  /** the staff member responsible (hall), with or without an account */
  staff_user_id: string | null;
  staff_name: string | null;
  /** 窗口 / place in the hall or station */
  location: string | null;
  /** 1 = also delivered at home (上门服务) */
  door: number;
  /** the time limit for a ticket about this service, in hours */
  time_limit_hours: number;
  active: number;
  sort: number;
  created_at: string;
  updated_at: string;
}

/** 加盟服务商 — a provider that joined the service station (shop, clinic, law firm …). */
export interface ServiceProviderTable {
  community_id: string;
  id: string;
  name: string;
  contact_name: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_tail: string | null;
  address: string | null;
  agreement_no: string | null;
  agreement_start: string | null;
  agreement_end: string | null;
  /** 服务时间, as written on the agreement: "周一至周六 8:00-18:00" */
  hours: string | null;
  /** 收费标准 */
  prices: string | null;
  joined_date: string;
  /** the day the provider left the station; history stays */
  left_date: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface ServiceProviderItemTable {
  community_id: string;
  provider_id: string;
  item_id: string;
}

/** 上门服务人员 — who brings door-to-door services: a staff member, a volunteer, or a joined provider. */
export interface DoorProviderTable {
  community_id: string;
  id: string;
  /** staff | volunteer | provider */
  kind: string;
  name: string;
  /** the account that sees this provider's checklist (a staff member, a building leader who volunteers) */
  user_id: string | null;
  service_provider_id: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_tail: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

/** 上门服务对象 — a resident on the register of those who need services at home. */
export interface DoorClientTable {
  community_id: string;
  id: string;
  resident_id: string;
  registered_date: string;
  /** off the register from this day (moved away, into a care home, died, no longer needed) */
  ended_date: string | null;
  end_reason: string | null;
  /** what the visitor should know at the door ("耳背，敲门要大声") */
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** A service a client receives at home, with its provider and recurring schedule. */
export interface DoorNeedTable {
  community_id: string;
  id: string;
  client_id: string;
  item_id: string;
  provider_id: string | null;
  /** daily | weekdays | weekly | biweekly | monthly | on_request */
  freq: string;
  /** weekly/biweekly: ISO weekdays "1,3,5" (1 = Monday) */
  weekdays: string | null;
  /** monthly: the day of the month (a later day than the month has falls on its last day) */
  month_day: number | null;
  start_date: string;
  end_date: string | null;
  /** "11:30", "上午" */
  time_slot: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** 上门服务记录 — one visit of the delivery log: done, not home, or refused. */
export interface DoorDeliveryTable {
  community_id: string;
  id: string;
  client_id: string;
  /** the schedule it came from; null for a visit made on request */
  need_id: string | null;
  resident_id: string;
  /** the household at the time of the visit: household-times (户/次) count households */
  household_id: string;
  item_id: string;
  provider_id: string | null;
  date: string;
  /** done | not_home | refused */
  outcome: string;
  logged_at: string;
  logged_by: string | null;
  logged_by_name: string;
  note: string | null;
  created_at: string;
}

/** 服务工单 — a request from the desk, the hotline or online, followed to the follow-up call. */
export interface ServiceTicketTable {
  community_id: string;
  id: string;
  /** 2026-0012: year and sequence within the community */
  number: string;
  /** desk | hotline | online */
  channel: string;
  resident_id: string | null;
  caller_name: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_tail: string | null;
  address: string | null;
  item_id: string;
  description: string;
  /** accepted | assigned | in_progress | done | followed_up | closed */
  status: string;
  assignee_user_id: string | null;
  assignee_provider_id: string | null;
  assignee_name: string | null;
  accepted_at: string;
  due_at: string;
  assigned_at: string | null;
  started_at: string | null;
  done_at: string | null;
  result: string | null;
  followed_up_at: string | null;
  satisfaction: number | null;
  follow_up_comment: string | null;
  closed_at: string | null;
  close_reason: string | null;
  created_by: string | null;
  created_by_name: string;
  updated_at: string;
}

/** A ticket's history: every change of state and every note, with who and when. */
export interface ServiceTicketEventTable {
  community_id: string;
  id: string;
  ticket_id: string;
  at: string;
  /** created | assigned | started | done | followed_up | closed | note */
  kind: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  by_user: string | null;
  by_name: string;
}

declare module '../../core/db/schema' {
  interface Database {
    service_item: ServiceItemTable;
    service_provider: ServiceProviderTable;
    service_provider_item: ServiceProviderItemTable;
    door_provider: DoorProviderTable;
    door_client: DoorClientTable;
    door_need: DoorNeedTable;
    door_delivery: DoorDeliveryTable;
    service_ticket: ServiceTicketTable;
    service_ticket_event: ServiceTicketEventTable;
  }
}
