import { scopedDb } from '../../core/access';
import { defineMessages } from '../../core/i18n';
import type { LinliModule } from '../../core/module';
import { migrations } from './migrations';
import { permissions } from './policy';
import { servicesFigures } from './queries';
import { routes } from './routes';
import { seedDemo } from './seed';
import './tables';

export type { Ticket, Client, Item, Provider } from './schema';

defineMessages({
  SERVICES_NAME_TAKEN: { zh: '「{name}」已存在', en: '“{name}” already exists' },
  SERVICES_UNKNOWN_USER: { zh: '只能选择本社区的工作人员', en: 'Choose a staff member of this community' },
  SERVICES_NOT_STATION_SERVICE: { zh: '只能选择本社区服务站的服务项目', en: 'Choose a service of this community’s station' },
  SERVICES_AREA_FIXED: { zh: '服务项目不能在服务大厅和服务站之间移动，请新建一项', en: 'A service cannot move between the hall and the station; add a new one' },
  DOOR_UNKNOWN_RESIDENT: { zh: '本社区没有这位在住居民', en: 'No such resident living in this community' },
  DOOR_ALREADY_CLIENT: { zh: '{name}已在上门服务登记中', en: '{name} is already on the register' },
  DOOR_ALREADY_ENDED: { zh: '该服务对象已停止服务', en: 'This client is already off the register' },
  DOOR_NEED_ENDED: { zh: '这项服务已经停止，不能再改安排；可以重新添加', en: 'This service has stopped; add it again instead' },
  DOOR_UNKNOWN_SERVICE: { zh: '本社区没有这个服务项目', en: 'No such service in this community' },
  DOOR_UNKNOWN_PROVIDER: { zh: '本社区没有这位上门服务人员', en: 'No such door provider in this community' },
  DOOR_UNKNOWN_CLIENT: { zh: '本社区没有这位服务对象', en: 'No such client in this community' },
  DOOR_UNKNOWN_SCHEDULE: { zh: '找不到这项服务安排', en: 'No such scheduled service' },
  DOOR_WEEKDAYS_REQUIRED: { zh: '请选择每周的服务日', en: 'Choose the days of the week' },
  DOOR_MONTH_DAY_REQUIRED: { zh: '请填写每月几日', en: 'Give the day of the month' },
  DOOR_END_BEFORE_START: { zh: '结束日期不能早于开始日期', en: 'The end date is before the start' },
  DOOR_NOT_ON_REGISTER: { zh: '这一天该居民不在上门服务登记中', en: 'The resident was not on the register that day' },
  DOOR_FUTURE: { zh: '不能登记未来日期的服务', en: 'A visit cannot be logged for a future day' },
  DOOR_NOT_YOUR_LIST: { zh: '这不是您负责的服务清单', en: 'This is not one of your lists' },
  TICKET_WRONG_STATE: { zh: '工单当前状态不能进行这项操作（当前：{status}）', en: 'The ticket’s state does not allow this ({status})' },
  TICKET_UNKNOWN_SERVICE: { zh: '请选择本社区在用的服务项目', en: 'Choose an active service of this community' },
  TICKET_UNKNOWN_ASSIGNEE: { zh: '只能派给本社区的工作人员或在册服务商', en: 'Assign to a staff member or a joined provider of this community' },
  TICKET_ONE_ASSIGNEE: { zh: '工作人员和服务商只能选一个', en: 'Choose a staff member or a provider, not both' },
  TICKET_NO_ASSIGNEE: { zh: '请选择承办人', en: 'Choose who handles it' },
  TICKET_NO_CONTACT: { zh: '不是登记居民时，请留下电话或地址', en: 'For a caller not in the registry, give a phone or an address' },
});

/** 民生服务 — door-to-door services, the service hall and station, and tickets from the desk, hotline and online. */
export const servicesModule: LinliModule = {
  name: 'services',
  label: { zh: '民生服务', en: 'Livelihood and services' },
  migrations,
  permissions,
  routes,
  seedDemo,
  sealed: [
    { table: 'service_provider', columns: ['phone_enc'] },
    { table: 'door_provider', columns: ['phone_enc'] },
    { table: 'service_ticket', columns: ['phone_enc'] },
  ],
  reportSection: ({ db, communityId, from, to }) => servicesFigures(scopedDb(db.kysely, communityId), from, to),
};
