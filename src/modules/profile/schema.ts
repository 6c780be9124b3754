import { z } from 'zod';

/** 社区概况 — a community's standing facts: where it is, how big, since when. */
export const ProfileSchema = z.object({
  communityId: z.string(),
  name: z.string(),
  subDistrictName: z.string(),
  address: z.string(),
  /** 占地面积, ㎡ */
  landArea: z.number().nullable(),
  /** 建筑面积, ㎡ */
  floorArea: z.number().nullable(),
  /** 入住年份 — the year residents moved in */
  movedInYear: z.number().int().nullable(),
  /** 绿化覆盖率, percent */
  greeningCoverage: z.number().nullable(),
  phone: z.string().nullable(),
  introduction: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const ProfileUpdateSchema = z.object({
  address: z.string().trim().max(200),
  landArea: z.number().min(0).max(100_000_000).nullable(),
  floorArea: z.number().min(0).max(100_000_000).nullable(),
  /** at most five years ahead of the day it is saved (checked by the route, on the request's clock) */
  movedInYear: z.number().int().min(1900).max(9999).nullable(),
  greeningCoverage: z.number().min(0).max(100).nullable(),
  phone: z.string().trim().max(40).nullable(),
  introduction: z.string().trim().max(5000).nullable(),
});
export type ProfileUpdate = z.infer<typeof ProfileUpdateSchema>;
