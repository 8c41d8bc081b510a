/**
 * Integer codes for the values of the message log and the charge records (formats.md).
 * Hot loops compare these small integers; the name arrays turn them back into the public strings.
 */

// Template categories as they appear in the log (formats.md §2).
export const TEMPLATE_CATEGORY = {marketing: 0, utility: 1, authentication: 2} as const;
export type TemplateCategory = keyof typeof TEMPLATE_CATEGORY;
export const TEMPLATE_CATEGORY_NAMES: readonly TemplateCategory[] = [
  "marketing",
  "utility",
  "authentication",
];
/** Category column value of a non-template message. */
export const NO_CATEGORY = 255;

// Charge-record categories (formats.md §3). The first five are also rate-card columns.
export const CATEGORY = {
  marketing: 0,
  utility: 1,
  authentication: 2,
  authentication_international: 3,
  service: 4,
  referral_conversion: 5,
  user_initiated: 6,
  business_initiated: 7,
} as const;
export type Category = keyof typeof CATEGORY;
export const CATEGORY_NAMES: readonly Category[] = [
  "marketing",
  "utility",
  "authentication",
  "authentication_international",
  "service",
  "referral_conversion",
  "user_initiated",
  "business_initiated",
];
export const CATEGORY_COUNT = CATEGORY_NAMES.length;

// Charge-record types (formats.md §3).
export const CHARGE_TYPE = {
  regular: 0,
  free_tier: 1,
  free_entry_point: 2,
  free_customer_service: 3,
} as const;
export type ChargeType = keyof typeof CHARGE_TYPE;
export const CHARGE_TYPE_NAMES: readonly ChargeType[] = [
  "regular",
  "free_tier",
  "free_entry_point",
  "free_customer_service",
];

export const DIRECTION = {inbound: 0, outbound: 1} as const;
export type Direction = keyof typeof DIRECTION;
export const DIRECTION_NAMES: readonly Direction[] = ["inbound", "outbound"];

export const ENTRY_POINT = {organic: 0, ctwa_ad: 1, fb_page_cta: 2} as const;
export type EntryPoint = keyof typeof ENTRY_POINT;
export const ENTRY_POINT_NAMES: readonly EntryPoint[] = ["organic", "ctwa_ad", "fb_page_cta"];

export const DEVICE = {mobile: 0, web: 1} as const;
export type Device = keyof typeof DEVICE;
export const DEVICE_NAMES: readonly Device[] = ["mobile", "web"];

export const STATUS = {delivered: 0, failed: 1} as const;
export type Status = keyof typeof STATUS;
export const STATUS_NAMES: readonly Status[] = ["delivered", "failed"];

export const UNIT = {conversation: 0, message: 1} as const;
export type Unit = keyof typeof UNIT;
export const UNIT_NAMES: readonly Unit[] = ["conversation", "message"];

/** Message-type dictionary code of `template`; every other type string is a non-template. */
export const TEMPLATE_TYPE = 0;

/** Hours as milliseconds, for the windows of C-4. */
export const HOUR_MS = 3_600_000;
