/**
 * Imports nodes from CSV or GeoJSON, all or nothing: every row is checked first (fields, names
 * used twice in the file or already in the tenant), and only a file with no invalid row is written,
 * in one transaction with one audit event. Groups the file names that do not exist are created.
 *
 * @example
 *   await importNodes(db, actor, { format: 'csv', content, dryRun: true, onExisting: 'fail' });
 *   // { dryRun: true, total: 30, created: 30, updated: 0, groupsCreated: ['north'] }
 *   // or throws AppError('validation') whose `rows` extension lists every invalid row
 */
import { AppError, type TFieldError, type TNodeImportIssue, type TNodeImportReport, type TNodeImportRequest } from '@mecport/contracts';
import { Prisma, type DbClient, type DbTransaction } from '@mecport/db';
import { recordAudit } from '../../audit';
import type { TActor } from '../../identity';
import { bumpDesiredRevision } from '../channel/revision';
import { parseNodeImport, type TImportPlace, type TParsedRow } from './node-import-parse';

const CREATE_BATCH = 1000;
/** An import of 20,000 nodes takes seconds; Prisma's default 5 s interactive-transaction limit is too short. */
const TRANSACTION_TIMEOUT_MS = 120_000;
const ISSUES_IN_DETAIL = 3;

const placeText = (p: Partial<TImportPlace>) => ('line' in p && p.line !== undefined ? `line ${p.line}` : 'feature' in p && p.feature !== undefined ? `features[${p.feature}]` : 'content');

function invalidImport(issues: TNodeImportIssue[]): AppError {
  const sorted = [...issues].sort((a, b) => (a.line ?? a.feature ?? -1) - (b.line ?? b.feature ?? -1));
  const shown = sorted.slice(0, ISSUES_IN_DETAIL).map((i) => `${placeText(i)} ${i.field}: ${i.message}`).join('; ');
  const more = sorted.length > ISSUES_IN_DETAIL ? ` (and ${sorted.length - ISSUES_IN_DETAIL} more)` : '';
  const errors: TFieldError[] = sorted.map((i) => ({ in: 'body', field: `content.${placeText(i)}.${i.field}`, message: i.message }));
  return new AppError('validation', `content: ${sorted.length} invalid row(s), nothing imported: ${shown}${more}`, { errors, extensions: { rows: sorted } });
}

/** Names used twice in the file, and names that are nodes already (an error unless onExisting is update). */
function nameIssues(rows: TParsedRow[], existing: Map<string, string>, onExisting: TNodeImportRequest['onExisting']): TNodeImportIssue[] {
  const issues: TNodeImportIssue[] = [];
  const firstSeen = new Map<string, TImportPlace>();
  for (const { place, row } of rows) {
    const earlier = firstSeen.get(row.name);
    if (earlier) issues.push({ ...place, field: 'name', code: 'name-repeated', value: row.name, message: `"${row.name}" is also on ${placeText(earlier)}` });
    else firstSeen.set(row.name, place);
    if (onExisting === 'fail' && existing.has(row.name)) {
      issues.push({ ...place, field: 'name', code: 'name-exists', value: row.name, message: `your tenant already has a node named "${row.name}" (import with onExisting "update" to change it)` });
    }
  }
  return issues;
}

async function ensureGroups(tx: DbTransaction, tenantId: string, names: string[]): Promise<Map<string, string>> {
  const groups = new Map((await tx.nodeGroup.findMany({ where: { tenantId }, select: { id: true, name: true } })).map((g) => [g.name, g.id]));
  for (const name of names.filter((n) => !groups.has(n))) {
    groups.set(name, (await tx.nodeGroup.create({ data: { tenantId, name }, select: { id: true } })).id);
  }
  return groups;
}

function nodeData(row: TParsedRow['row'], groupId: string | null) {
  return {
    name: row.name, latitude: row.latitude, longitude: row.longitude, address: row.address, province: row.province, city: row.city, district: row.district,
    groupId, labels: row.labels,
    ...(row.capacity !== undefined ? { capacity: row.capacity ?? Prisma.DbNull } : {}),
    ...(row.dataPlane !== undefined ? { dataPlane: row.dataPlane } : {}),
    ...(row.runtime !== undefined ? { runtime: row.runtime } : {}),
  };
}

async function writeRows(tx: DbTransaction, tenantId: string, rows: TParsedRow[], existing: Map<string, string>, groups: Map<string, string>): Promise<void> {
  const groupOf = (name: string) => (name ? groups.get(name) ?? null : null);
  const fresh = rows.filter(({ row }) => !existing.has(row.name)).map(({ row }) => ({ ...nodeData(row, groupOf(row.group)), tenantId }));
  for (let i = 0; i < fresh.length; i += CREATE_BATCH) await tx.edgeNode.createMany({ data: fresh.slice(i, i + CREATE_BATCH) });
  for (const { row } of rows.filter(({ row }) => existing.has(row.name))) {
    await tx.edgeNode.update({ where: { id: existing.get(row.name)! }, data: nodeData(row, groupOf(row.group)) });
    // The agent takes its runtime setting from its desired state: a new one is a new revision.
    if (row.runtime !== undefined) await bumpDesiredRevision(tx, existing.get(row.name)!);
  }
}

export async function importNodes(db: DbClient, actor: TActor, input: TNodeImportRequest, requestId?: string): Promise<TNodeImportReport> {
  const tenantId = actor.tenant.id;
  const parsed = parseNodeImport(input.format, input.content);
  const names = parsed.rows.map((r) => r.row.name);
  const existing = new Map((await db.edgeNode.findMany({ where: { tenantId, name: { in: names } }, select: { id: true, name: true } })).map((n) => [n.name, n.id]));
  const issues = [...parsed.issues, ...nameIssues(parsed.rows, existing, input.onExisting)];
  if (issues.length > 0) throw invalidImport(issues);
  if (parsed.rows.length === 0) throw invalidImport([{ ...(input.format === 'csv' ? { line: 1 } : {}), field: input.format === 'csv' ? '(csv)' : 'features', message: 'the file has no nodes' }]);

  const groupNames = [...new Set(parsed.rows.map((r) => r.row.group).filter(Boolean))];
  const known = new Set((await db.nodeGroup.findMany({ where: { tenantId, name: { in: groupNames } }, select: { name: true } })).map((g) => g.name));
  const report: TNodeImportReport = {
    dryRun: input.dryRun, format: input.format, total: parsed.rows.length, created: parsed.rows.length - existing.size, updated: existing.size,
    groupsCreated: groupNames.filter((g) => !known.has(g)),
  };
  if (input.dryRun) return report;
  try {
    await db.$transaction(async (tx) => {
      const groups = await ensureGroups(tx, tenantId, groupNames);
      await writeRows(tx, tenantId, parsed.rows, existing, groups);
      const data = { format: report.format, created: report.created, updated: report.updated, groupsCreated: report.groupsCreated };
      await recordAudit(tx, actor, { action: 'edge.node.import', target: { type: 'tenant', id: tenantId }, data, requestId });
    }, { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 10_000 });
  } catch (error) {
    // Someone created a node or group of the same name between the checks and the writes.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new AppError('conflict', 'A node or node group named in the file was created meanwhile; nothing was imported, try again');
    throw error;
  }
  return report;
}
