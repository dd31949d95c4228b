/**
 * Typed errors of the codec. A refused package is an `AppError('validation')` whose
 * extensions name the check id, the entry and the rule, so an API maps it to a 400 that
 * tells the uploader exactly what to fix.
 *
 * @example throw new PackageRefusedError('zip.path-traversal', '../evil.sh', 'no ".." segments')
 */
import { AppError } from '@mecport/contracts';
import { CHECKS, type TCheck, type TCheckId } from './report';

export class PackageRefusedError extends AppError {
  readonly checkId: TCheckId;
  readonly entry: string | undefined;
  readonly rule: string;

  constructor(checkId: TCheckId, entry: string | undefined, rule: string, message?: string) {
    super('validation', message ?? `${entry ? `${entry}: ` : ''}${rule} (${checkId})`, { extensions: { checkId, entry, rule } });
    this.name = 'PackageRefusedError';
    this.checkId = checkId;
    this.entry = entry;
    this.rule = rule;
  }
}

/** Throws the first failed check of a report as a `PackageRefusedError`; returns otherwise. */
export function assertNoFailure(checks: readonly TCheck[]): void {
  const first = checks.find((c) => c.status === 'fail');
  if (first) throw new PackageRefusedError(first.id, first.file, CHECKS[first.id], first.message);
}
