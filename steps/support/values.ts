/** The value round `round` of the update steps writes, and the order checks expect. */
export function roundValue(round: number): string {
  return `round-${round}`;
}
