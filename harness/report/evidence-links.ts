/**
 * Links into the cucumber HTML report, which sits next to the conformance reports. Its search
 * box reads `?query=`: a tag expression (`@clause:ARCH-1`) shows every scenario of a clause,
 * any other text searches scenario names and steps.
 */
export const CUCUMBER_HTML = 'cucumber.html';

export function clauseEvidenceUrl(clauseId: string): string {
  return `${CUCUMBER_HTML}?query=${encodeURIComponent(`@clause:${clauseId}`)}`;
}

export function scenarioEvidenceUrl(scenarioName: string): string {
  return `${CUCUMBER_HTML}?query=${encodeURIComponent(scenarioName)}`;
}
