/**
 * The assembly's rules, pure so the web can show the same arithmetic the server applies.
 * Quorum: more than `quorumPercent` % of the representatives in office are present (default: more
 * than half). A matter passes with more than half of those present voting for it, or — for a matter
 * the community marks as major (重大事项) — with at least two-thirds of those present. Abstentions and
 * present representatives who cast no vote count among those present, so they weigh as "not for".
 */

export interface Quorum {
  /** representatives in office on the meeting's day */
  seats: number;
  present: number;
  /** the fewest present that makes a quorum */
  needed: number;
  met: boolean;
}

export function quorum(seats: number, present: number, quorumPercent = 50): Quorum {
  // strictly more than the percentage: floor(seats * p / 100) + 1
  const needed = seats === 0 ? 1 : Math.floor((seats * quorumPercent) / 100) + 1;
  return { seats, present, needed, met: seats > 0 && present >= needed };
}

export type Choice = 'for' | 'against' | 'abstain';

export interface Tally {
  present: number;
  for: number;
  against: number;
  abstain: number;
  /** present but no vote recorded */
  notVoting: number;
  /** major matters need two-thirds, others a simple majority, of those present */
  threshold: 'majority' | 'two_thirds';
  /** the fewest votes for that carry the matter */
  needed: number;
  passed: boolean;
}

export function tally(present: number, choices: Choice[], major: boolean): Tally {
  const count = (c: Choice) => choices.filter((x) => x === c).length;
  const f = count('for');
  const needed = major ? Math.ceil((present * 2) / 3) : Math.floor(present / 2) + 1;
  return {
    present,
    for: f,
    against: count('against'),
    abstain: count('abstain'),
    notVoting: Math.max(0, present - choices.length),
    threshold: major ? 'two_thirds' : 'majority',
    needed,
    passed: present > 0 && f >= needed,
  };
}

/** 怡丽居代决〔2026〕3号 */
export function resolutionNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}〔${year}〕${seq}号`;
}
