// A fixture for features/conflict-resolvers.feature: a module that loads but does not export
// createResolver(options), so the member that names it must refuse to start.
export function resolve() {
  return { kind: 'allow' };
}
