import { z } from 'zod';

/**
 * Schemas for the parts of Slack's interaction payloads the listeners read.
 * Bolt already checked the request signature; these make sure a button value
 * or a modal's metadata is what our own builders put there.
 */

/** Button values carry only a nudge id: never personal data. */
export const nudgeIdValue = z.coerce.number().int().positive();

/** private_metadata of every modal opened from a nudge card: the nudge id, nothing else. */
export const noteModalMetadata = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'private_metadata is not JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.object({ nudgeId: z.number().int().positive() }));

export const blockActionContext = z.object({
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }).optional(),
  trigger_id: z.string().optional(),
});

/** The same shape for the gesture and fulfilment windows. */
export const nudgeModalMetadata = noteModalMetadata;

/** One input's state as Slack sends it in view_submission (only the fields delightbot reads). */
export const inputState = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_user: z.string().nullish(),
});
