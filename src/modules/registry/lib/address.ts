/**
 * Addresses as staff type them into a search box. Pure and small, so the web app uses it too
 * (without the pinyin dictionary that the name keys need).
 */
export interface AddressQuery {
  /** 楼栋 */
  building?: string;
  /** 单元 */
  entrance?: string;
  room?: string;
}

/** Full-width digits and dashes to ASCII, no spaces. */
export function normalizeAddress(q: string): string {
  return q
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\uFE63\uFF0D]/g, '-')
    .replace(/\s/g, '');
}

const HYPHENATED = /^(\d+)-(\d+)(?:-(\d+))?$/;
// 楼 alone is left out: "3楼" usually means the third floor.
const WORDED = /^(?:(\d+)(?:号楼|栋|幢|座|号))?(?:(\d+)(?:单元|门))?(?:(\d+)(室|号|户)?)?$/;

/**
 * Reads the ways staff write a dwelling: 3号楼2单元401, 3栋2单元401室, 3号楼401, 3-2-401, and
 * 3-401 (building and room). Returns null when the text is not an address.
 */
export function parseAddressQuery(q: string): AddressQuery | null {
  const s = normalizeAddress(q);
  const h = HYPHENATED.exec(s);
  if (h) return h[3] === undefined ? { building: h[1], room: h[2] } : { building: h[1], entrance: h[2], room: h[3] };
  const w = WORDED.exec(s);
  if (!w) return null;
  const [, building, entrance, room, roomWord] = w;
  // A bare number is a phone or ID tail, not an address.
  if (building === undefined && entrance === undefined && roomWord === undefined) return null;
  const out: AddressQuery = {};
  if (building !== undefined) out.building = building;
  if (entrance !== undefined) out.entrance = entrance;
  if (room !== undefined) out.room = room;
  return out;
}

