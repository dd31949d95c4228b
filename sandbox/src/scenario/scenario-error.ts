/** A scenario that does not load: every problem found, each naming the file and the field. */
export interface TScenarioIssue { file: string; field: string; message: string }

export class ScenarioError extends Error {
  readonly issues: TScenarioIssue[];

  constructor(issues: TScenarioIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

/** `campus.yaml: domains[0].zones[1].pointsOfAccess[2].feature: no feature "ap-9" in campus.geojson` */
export function formatIssue(issue: TScenarioIssue): string {
  return issue.field ? `${issue.file}: ${issue.field}: ${issue.message}` : `${issue.file}: ${issue.message}`;
}

/** A zod issue path as a reader writes it: `domains[0].zones[1].id`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}
