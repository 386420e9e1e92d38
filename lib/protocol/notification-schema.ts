import * as z from 'zod/mini';

/** `{ type: 'notification', key, value: string | number | null, timestamp }`. */
export const notificationSchema = z.looseObject({
  type: z.literal('notification'),
  key: z.string(),
  value: z.union([z.string(), z.number(), z.null()]),
  timestamp: z.number(),
});
