/**
 * The guard behind createPrismaClient(): bulk writes must say which rows they mean.
 * Pure logic, unit-tested in guard.test.ts.
 */

/** Thrown when updateMany/deleteMany (or updateManyAndReturn) is called without an effective `where`. */
export class UnfilteredWriteError extends Error {
  readonly model: string;
  readonly operation: string;

  constructor(model: string, operation: string) {
    super(
      `Refusing ${model}.${operation}() without a where filter: it would touch every row of the table. ` +
        'Pass an explicit where (note that properties whose value is undefined are ignored by Prisma). ' +
        'If every row really is meant, use a raw query that says so.',
    );
    this.name = 'UnfilteredWriteError';
    this.model = model;
    this.operation = operation;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * True when a Prisma `where` selects every row: undefined/null, `{}`, an object whose properties are
 * all undefined (`{ tenantId: undefined }`, which Prisma silently drops), nested filters that are empty
 * in the same sense (`{ tenantId: { equals: undefined } }`), or `AND` over nothing but such filters.
 * `OR: []` and `NOT` are left alone: they do not widen a filter to all rows by accident.
 */
export function isUnfilteredWhere(where: unknown): boolean {
  if (where === undefined || where === null) return true;
  if (!isPlainObject(where)) return false;
  return Object.entries(where).every(([key, value]) => {
    if (value === undefined) return true;
    if (key === 'AND') return Array.isArray(value) ? value.every(isUnfilteredWhere) : isUnfilteredWhere(value);
    if (key === 'OR' || key === 'NOT') return false;
    return isPlainObject(value) && isUnfilteredWhere(value);
  });
}

/** Operations the guard checks. */
export const GUARDED_OPERATIONS = ['updateMany', 'updateManyAndReturn', 'deleteMany'] as const;

/** Throws UnfilteredWriteError when `args.where` selects every row. */
export function assertFilteredWrite(model: string, operation: string, args: unknown): void {
  const where = isPlainObject(args) ? args.where : undefined;
  if (isUnfilteredWhere(where)) throw new UnfilteredWriteError(model, operation);
}
