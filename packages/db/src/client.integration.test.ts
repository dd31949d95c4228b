/**
 * Schema and migrations agree: schema.prisma's models, as parsed here, match the tables the migrations
 * create column by column, and every model works end to end through the generated client.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient, disconnectPrisma, getPrisma, type DbClient } from './client';
import { Prisma } from './generated/prisma/client';
import { UnfilteredWriteError } from './guard';
import { findRepoRoot } from './paths';

const url = inject('mecportDatabaseUrl');
let prisma: DbClient;

beforeAll(() => {
  prisma = createPrismaClient(url, { maxConnections: 3 });
});
afterAll(async () => {
  await prisma.$disconnect();
  await disconnectPrisma();
});

interface SchemaColumn { column: string; type: string; nullable: boolean; hasDefault: boolean }
interface SchemaModel { model: string; table: string; columns: SchemaColumn[]; uniques: string[]; indexes: string[] }

/** A deliberately small reader for the subset of Prisma schema language MECport uses. */
function readSchemaModels(): SchemaModel[] {
  const source = readFileSync(path.join(findRepoRoot(), 'prisma', 'schema.prisma'), 'utf8');
  const models: SchemaModel[] = [];
  const modelNames = [...source.matchAll(/^model (\w+) \{/gm)].map((m) => m[1] as string);
  const enumNames = [...source.matchAll(/^enum (\w+) \{/gm)].map((m) => m[1] as string);
  for (const block of source.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const body = (block[2] as string).split('\n').map((l) => l.replace(/\/\/.*$/, '').trim()).filter(Boolean);
    const table = /@@map\("([^"]+)"\)/.exec(block[2] as string)?.[1] ?? (block[1] as string);
    const columns: SchemaColumn[] = [];
    const byField = new Map<string, string>();
    const uniques: string[] = [];
    for (const line of body) {
      // name Type[]? attrs, where Type may be Unsupported("pgtype")
      const field = /^(\w+)\s+(\w+)(?:\("([^"]*)"\))?(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!field || line.startsWith('@@')) continue;
      const [, name, type, unsupported, list, optional, attrs] = field as unknown as [string, string, string, string | undefined, string | undefined, string | undefined, string];
      if (modelNames.includes(type)) continue; // relation fields have no column
      const column = /@map\("([^"]+)"\)/.exec(attrs)?.[1] ?? name;
      byField.set(name, column);
      const pgType =
        list ? 'ARRAY' :
        type === 'Unsupported' ? (unsupported ?? 'unmapped Unsupported') :
        enumNames.includes(type) ? 'USER-DEFINED' :
        type === 'String' ? (attrs.includes('@db.Uuid') ? 'uuid' : 'text') :
        type === 'DateTime' ? (attrs.includes('@db.Timestamptz') ? 'timestamp with time zone' : 'timestamp without time zone') :
        type === 'Json' ? 'jsonb' : type === 'Float' ? 'double precision' : type === 'Int' ? 'integer' : type === 'BigInt' ? 'bigint' : type === 'Boolean' ? 'boolean' : `unmapped ${type}`;
      // uuid() and @updatedAt are filled in by the client, not by a column default. Prisma's scalar lists are nullable columns.
      const hasDefault = /@default\((?!uuid\(\))/.test(attrs);
      columns.push({ column, type: pgType, nullable: Boolean(optional) || Boolean(list), hasDefault });
      if (/@unique\b/.test(attrs)) uniques.push(`${table}_${column}_key`);
    }
    const fieldList = (list: string) => list.split(',').map((f) => byField.get(f.trim().replace(/\(.*\)$/, '')) ?? f.trim());
    const indexes = [...(block[2] as string).matchAll(/@@index\(\[([^\]]+)\]/g)].map((m) => `${table}_${fieldList(m[1] as string).join('_')}_idx`);
    uniques.push(...[...(block[2] as string).matchAll(/@@unique\(\[([^\]]+)\]/g)].map((m) => `${table}_${fieldList(m[1] as string).join('_')}_key`));
    models.push({ model: block[1] as string, table, columns, uniques, indexes });
  }
  return models;
}

/** Indexes schema.prisma cannot express (partial ones); each migration marks them "not in schema.prisma". */
const SQL_ONLY_INDEXES = ['alarm_open_fault_key'];

describe('schema.prisma and the migrations', () => {
  it('define the same tables, columns, types, nullability, defaults and indexes', async () => {
    const models = readSchemaModels();
    expect(models.map((m) => m.model).sort()).toEqual(Object.values(Prisma.ModelName).sort());
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const model of models) {
        const { rows } = await client.query<{ column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
          'SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position',
          [model.table],
        );
        expect(rows.map((r) => ({ column: r.column_name, type: r.data_type, nullable: r.is_nullable === 'YES', hasDefault: r.column_default !== null })), model.model).toEqual(
          model.columns,
        );
        const { rows: idx } = await client.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE tablename = $1', [model.table]);
        const names = idx.map((i) => i.indexname).filter((n) => !SQL_ONLY_INDEXES.includes(n));
        expect(names, model.model).toEqual(expect.arrayContaining([`${model.table}_pkey`, ...model.uniques, ...model.indexes]));
        expect(names).toHaveLength(1 + model.uniques.length + model.indexes.length);
      }
      const { rows: fks } = await client.query<{ conname: string; def: string }>(
        "SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'f' ORDER BY conname",
      );
      expect(fks).toEqual([
        { conname: 'alarm_app_instance_id_fkey', def: 'FOREIGN KEY (app_instance_id) REFERENCES app_instance(id) ON UPDATE CASCADE ON DELETE CASCADE' },
        { conname: 'alarm_node_id_fkey', def: 'FOREIGN KEY (node_id) REFERENCES edge_node(id) ON UPDATE CASCADE ON DELETE CASCADE' },
        { conname: 'alarm_tenant_id_fkey', def: 'FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON UPDATE CASCADE ON DELETE RESTRICT' },
        { conname: 'app_instance_app_id_fkey', def: 'FOREIGN KEY (app_id) REFERENCES app(id) ON UPDATE CASCADE ON DELETE RESTRICT' },
        { conname: 'app_instance_app_version_id_fkey', def: 'FOREIGN KEY (app_version_id) REFERENCES app_version(id) ON UPDATE CASCADE ON DELETE RESTRICT' },
        { conname: 'app_instance_deployment_id_fkey', def: 'FOREIGN KEY (deployment_id) REFERENCES deployment(id) ON UPDATE CASCADE ON DELETE SET NULL' },
        { conname: 'app_instance_node_id_fkey', def: 'FOREIGN KEY (node_id) REFERENCES edge_node(id) ON UPDATE CASCADE ON DELETE CASCADE' },
        { conname: 'app_instance_tenant_id_fkey', def: 'FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON UPDATE CASCADE ON DELETE RESTRICT' },
        { conname: 'app_tenant_id_fkey', def: 'FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON UPDATE CASCADE ON DELETE RESTRICT' },
        { conname: 'app_version_app_id_fkey', def: 'FOREIGN KEY (app_id) REFERENCES app(id) ON UPDATE CASCADE ON DELETE RESTRICT' },
        { conname: 'app_version_package_digest_fkey', def: 'FOREIGN KEY (package_digest) REFERENCES package_blob(digest) ON UPDATE CASCADE ON DELETE RESTRICT' },
        { conname: 'appd_id_owner_app_id_fkey', def: 'FOREIGN KEY (app_id) REFERENCES app(id) ON UPDATE CASCADE ON DELETE CASCADE' },
        { conname: 'audit_event_tenant_id_fkey', def: 'FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON UPDATE CASCADE ON DELETE RESTRICT' },
        { conname: 'comment_app_id_fkey', def: 'FOREIGN KEY (app_id) REFERENCES app(id) ON UPDATE CASCADE ON DELETE CASCADE' },
        { conname: 'deployment_app_id_fkey', def: 'FOREIGN KEY (app_id) REFERENCES app(id) ON UPDATE CASCADE ON DELETE RESTRICT' },
        { conname: 'deployment_app_version_id_fkey', def: 'FOREIGN KEY (app_version_id) REFERENCES app_version(id) ON UPDATE CASCADE ON DELETE RESTRICT' },
        { conname: 'deployment_target_deployment_id_fkey', def: 'FOREIGN KEY (deployment_id) REFERENCES deployment(id) ON UPDATE CASCADE ON DELETE CASCADE' },
        { conname: 'deployment_target_node_id_fkey', def: 'FOREIGN KEY (node_id) REFERENCES edge_node(id) ON UPDATE CASCADE ON DELETE CASCADE' },
        { conname: 'deployment_tenant_id_fkey', def: 'FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON UPDATE CASCADE ON DELETE RESTRICT' },
        { conname: 'download_app_version_id_fkey', def: 'FOREIGN KEY (app_version_id) REFERENCES app_version(id) ON UPDATE CASCADE ON DELETE CASCADE' },
        { conname: 'download_tenant_id_fkey', def: 'FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON UPDATE CASCADE ON DELETE RESTRICT' },
        { conname: 'edge_node_group_id_fkey', def: 'FOREIGN KEY (group_id) REFERENCES node_group(id) ON UPDATE CASCADE ON DELETE SET NULL' },
        { conname: 'edge_node_tenant_id_fkey', def: 'FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON UPDATE CASCADE ON DELETE RESTRICT' },
        { conname: 'enrolment_token_node_id_fkey', def: 'FOREIGN KEY (node_id) REFERENCES edge_node(id) ON UPDATE CASCADE ON DELETE CASCADE' },
        { conname: 'node_group_tenant_id_fkey', def: 'FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON UPDATE CASCADE ON DELETE RESTRICT' },
        { conname: 'node_metric_node_id_fkey', def: 'FOREIGN KEY (node_id) REFERENCES edge_node(id) ON UPDATE CASCADE ON DELETE CASCADE' },
        { conname: 'rating_app_id_fkey', def: 'FOREIGN KEY (app_id) REFERENCES app(id) ON UPDATE CASCADE ON DELETE CASCADE' },
        { conname: 'rule_change_node_change_id_fkey', def: 'FOREIGN KEY (change_id) REFERENCES rule_change(id) ON UPDATE CASCADE ON DELETE CASCADE' },
        { conname: 'rule_change_node_node_id_fkey', def: 'FOREIGN KEY (node_id) REFERENCES edge_node(id) ON UPDATE CASCADE ON DELETE CASCADE' },
        { conname: 'rule_change_tenant_id_fkey', def: 'FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON UPDATE CASCADE ON DELETE RESTRICT' },
        { conname: 'rule_set_version_node_id_fkey', def: 'FOREIGN KEY (node_id) REFERENCES edge_node(id) ON UPDATE CASCADE ON DELETE CASCADE' },
        { conname: 'rule_status_app_instance_id_fkey', def: 'FOREIGN KEY (app_instance_id) REFERENCES app_instance(id) ON UPDATE CASCADE ON DELETE CASCADE' },
        { conname: 'sandbox_app_version_id_fkey', def: 'FOREIGN KEY (app_version_id) REFERENCES app_version(id) ON UPDATE CASCADE ON DELETE SET NULL' },
        { conname: 'sandbox_tenant_id_fkey', def: 'FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON UPDATE CASCADE ON DELETE RESTRICT' },
        { conname: 'upload_app_id_fkey', def: 'FOREIGN KEY (app_id) REFERENCES app(id) ON UPDATE CASCADE ON DELETE CASCADE' },
        { conname: 'upload_tenant_id_fkey', def: 'FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON UPDATE CASCADE ON DELETE RESTRICT' },
        { conname: 'upload_version_id_fkey', def: 'FOREIGN KEY (version_id) REFERENCES app_version(id) ON UPDATE CASCADE ON DELETE SET NULL' },
        { conname: 'user_profile_tenant_id_fkey', def: 'FOREIGN KEY (tenant_id) REFERENCES tenant(id) ON UPDATE CASCADE ON DELETE RESTRICT' },
      ]);
    } finally {
      await client.end();
    }
  });
});

describe('every model through the generated client', () => {
  it('creates, reads, updates and deletes tenants, user profiles and audit events', async () => {
    const slug = `t-${randomUUID().slice(0, 8)}`;
    const tenant = await prisma.tenant.create({ data: { slug, name: 'Test Tenant' } });
    expect(tenant).toMatchObject({ slug, name: 'Test Tenant', nameZh: null });
    expect(tenant.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(tenant.createdAt).toBeInstanceOf(Date);
    expect(await prisma.tenant.update({ where: { id: tenant.id }, data: { nameZh: '测试租户' } })).toMatchObject({ nameZh: '测试租户' });
    await expect(prisma.tenant.create({ data: { slug, name: 'Duplicate' } })).rejects.toMatchObject({ code: 'P2002' });

    const subject = randomUUID();
    const profile = await prisma.userProfile.create({ data: { subject, tenantId: tenant.id, username: 'tess', displayName: 'Tess Test' } });
    expect(profile).toMatchObject({ subject, locale: 'en', email: null, tenantId: tenant.id });
    expect(profile.updatedAt).toBeInstanceOf(Date);
    expect(profile.lastSeenAt).toBeInstanceOf(Date);
    const updated = await prisma.userProfile.update({ where: { subject }, data: { locale: 'zh-CN', email: 'tess@example.test', lastSeenAt: new Date('2026-01-02T03:04:05.678Z') } });
    expect(updated).toMatchObject({ locale: 'zh-CN', email: 'tess@example.test', lastSeenAt: new Date('2026-01-02T03:04:05.678Z') });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(profile.updatedAt.getTime());
    const withTenant = await prisma.userProfile.findUniqueOrThrow({ where: { subject }, include: { tenant: true } });
    expect(withTenant.tenant.slug).toBe(slug);

    const data = { locale: { from: 'en', to: 'zh-CN' }, nested: [1, 'two', null, { ok: true }], text: '中文 ✓' };
    const first = await prisma.auditEvent.create({
      data: { tenantId: tenant.id, actorSubject: subject, actorName: 'Tess Test', action: 'profile.preferences.update', targetType: 'user_profile', targetId: profile.id, data, requestId: 'req-1' },
    });
    const second = await prisma.auditEvent.create({ data: { tenantId: tenant.id, actorSubject: subject, actorName: 'Tess Test', action: 'tenant.update', targetType: 'tenant' } });
    expect(first.data).toEqual(data);
    expect(second).toMatchObject({ data: {}, targetId: null, requestId: null });
    const page = await prisma.auditEvent.findMany({ where: { tenantId: tenant.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    expect(page.map((e) => e.id)).toEqual([second.id, first.id]);
    const byJson = await prisma.auditEvent.findMany({ where: { tenantId: tenant.id, data: { path: ['locale', 'to'], equals: 'zh-CN' } } });
    expect(byJson.map((e) => e.id)).toEqual([first.id]);

    // A tenant with dependants cannot be deleted (ON DELETE RESTRICT).
    await expect(prisma.tenant.delete({ where: { id: tenant.id } })).rejects.toThrow();
    expect((await prisma.auditEvent.deleteMany({ where: { tenantId: tenant.id } })).count).toBe(2);
    await prisma.userProfile.delete({ where: { subject } });
    await prisma.tenant.delete({ where: { id: tenant.id } });
    expect(await prisma.tenant.findUnique({ where: { slug } })).toBeNull();
  });

  it('runs interactive transactions and rolls them back on error', async () => {
    const slug = `t-${randomUUID().slice(0, 8)}`;
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.tenant.create({ data: { slug, name: 'Rolled back' } });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await prisma.tenant.findUnique({ where: { slug } })).toBeNull();
  });
});

describe('the unfiltered-write guard', () => {
  it('refuses updateMany/deleteMany without an effective where and allows filtered ones', async () => {
    const slug = `t-${randomUUID().slice(0, 8)}`;
    const tenant = await prisma.tenant.create({ data: { slug, name: 'Guarded' } });
    const noTenant: string | undefined = undefined;
    await expect(prisma.tenant.updateMany({ data: { name: 'everyone' } })).rejects.toBeInstanceOf(UnfilteredWriteError);
    await expect(prisma.tenant.updateMany({ where: {}, data: { name: 'everyone' } })).rejects.toThrow(/Tenant\.updateMany\(\) without a where filter/);
    await expect(prisma.auditEvent.deleteMany()).rejects.toThrow(/AuditEvent\.deleteMany\(\) without a where filter/);
    await expect(prisma.userProfile.deleteMany({ where: { tenantId: noTenant } })).rejects.toBeInstanceOf(UnfilteredWriteError);
    await expect(prisma.tenant.updateManyAndReturn({ where: { slug: undefined }, data: { name: 'x' } })).rejects.toBeInstanceOf(UnfilteredWriteError);
    expect(await prisma.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).toMatchObject({ name: 'Guarded' });
    expect((await prisma.tenant.updateMany({ where: { slug }, data: { name: 'Renamed' } })).count).toBe(1);
    expect((await prisma.tenant.deleteMany({ where: { slug } })).count).toBe(1);
  });
});

describe('getPrisma()', () => {
  it('returns one client per process for DATABASE_URL (set by the global setup)', async () => {
    const a = getPrisma();
    expect(getPrisma()).toBe(a);
    expect(await a.tenant.count()).toBeGreaterThanOrEqual(0);
  });

  it('refuses to go on with the old client when DATABASE_URL changed, and validates the new value', () => {
    const original = process.env.DATABASE_URL;
    getPrisma();
    try {
      process.env.DATABASE_URL = `${original}-other`;
      expect(() => getPrisma()).toThrow(/DATABASE_URL changed/);
      process.env.DATABASE_URL = 'mysql://elsewhere/db';
      expect(() => getPrisma()).toThrow(/must be a postgresql:\/\/ connection URL/);
    } finally {
      process.env.DATABASE_URL = original;
    }
    expect(getPrisma()).toBeDefined();
  });
});
