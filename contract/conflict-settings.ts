import { Type, type Static } from '@sinclair/typebox';

/**
 * How a region settles WAN conflicts (CONS-4..7). The defaults follow the seeds; the other
 * values reproduce Apache Geode where the two disagree (docs/architecture.md, "Where we follow
 * the seeds over Geode").
 */
export const CONFLICT_DEFAULTS = {
  forwardedEventDsid: 'origin',
  onResolverError: 'discard',
} as const;

export const ResolverConfigSchema = Type.Object(
  {
    /** Absolute path of a .js, .mjs or .ts module exporting createResolver (resolver-api.ts). */
    module: Type.String({ minLength: 1 }),
    /** Passed to createResolver as is. */
    options: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
  },
  { additionalProperties: false },
);
export type ResolverConfig = Static<typeof ResolverConfigSchema>;

export const ConflictConfigSchema = Type.Object(
  {
    resolver: Type.Optional(ResolverConfigSchema),
    /**
     * The site a received event is checked (and stored) as coming from. `origin`: the site
     * where the change was made, so every site stores the same version (CONS-1). `last-hop`:
     * the site that sent it here, as Geode's receivers do for a forwarded event.
     */
    forwardedEventDsid: Type.Union([Type.Literal('origin'), Type.Literal('last-hop')], {
      default: CONFLICT_DEFAULTS.forwardedEventDsid,
    }),
    /**
     * A resolver that throws: `discard` the event (and log and count it), or fall back to the
     * `default-rule`, as Geode does.
     */
    onResolverError: Type.Union([Type.Literal('discard'), Type.Literal('default-rule')], {
      default: CONFLICT_DEFAULTS.onResolverError,
    }),
  },
  { additionalProperties: false, default: {} },
);
export type ConflictConfig = Static<typeof ConflictConfigSchema>;
