import { Type, type Static } from '@sinclair/typebox';

/** GET and PUT /v1/clock: the member's clock and its offset (CONS-5). */
export const ClockAnswerSchema = Type.Object({
  nowMs: Type.Number(),
  offsetMs: Type.Integer(),
  fixedAtMs: Type.Optional(
    Type.Integer({ description: 'present while the clock is stopped at this instant' }),
  ),
});
export type ClockAnswer = Static<typeof ClockAnswerSchema>;
