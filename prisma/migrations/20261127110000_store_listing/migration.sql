-- The store catalog's listing, kept on the app row (issue 3, store search performance). Written by
-- hand to match prisma/schema.prisma (ADR 0003); the parts Prisma cannot express are marked
-- "not in schema.prisma".
--
-- Before this, every catalog request aggregated every published version of every matching app and
-- matched with ILIKE over whole descriptions (seconds at 10,000 apps). Now:
-- 1. the search haystacks are lower-cased once, when the row is written, so searches use LIKE (ILIKE
--    lower-cases every row's text on every search); typo tolerance (pg_trgm's word similarity, costly
--    per row) looks at the names alone, and relevance at the names and at names, provider and tags;
-- 2. what the catalog shows of an app's published versions (the latest one, every architecture,
--    whether any is certified) lives on the app row, recomputed by ONE function,
--    mecport_store_refresh_listing, in the same transaction as every change to a published version
--    (statement triggers on app_version), so no writer (the core services, the demo seed, the bench
--    seeder, a future certification job, a hand-written UPDATE) can leave it stale;
-- 3. btree indexes serve the catalog's sorts and keyset cursor.

-- 1. Search haystacks -----------------------------------------------------------------------------

-- The generated column is dropped (with app_search_text_idx) and added again so every row is
-- recomputed by the new, lower-casing function.
ALTER TABLE "app" DROP COLUMN "search_text";

-- Not in schema.prisma: IMMUTABLE wrappers for the generated columns (see the store migration).
CREATE OR REPLACE FUNCTION "mecport_store_search_text"(name TEXT, name_zh TEXT, provider TEXT, tags TEXT[], description_en TEXT, description_zh TEXT)
RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT lower(concat_ws(' ', name, name_zh, provider, array_to_string(tags, ' '), description_en, description_zh)) $$;

CREATE FUNCTION "mecport_store_search_name"(name TEXT, name_zh TEXT)
RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT lower(concat_ws(' ', name, name_zh)) $$;

CREATE FUNCTION "mecport_store_search_keywords"(name TEXT, name_zh TEXT, provider TEXT, tags TEXT[])
RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT lower(concat_ws(' ', name, name_zh, provider, array_to_string(tags, ' '))) $$;

-- AlterTable
ALTER TABLE "app"
    -- Not in schema.prisma: GENERATED (schema.prisma declares these Unsupported).
    ADD COLUMN "search_text" TEXT GENERATED ALWAYS AS ("mecport_store_search_text"("name", "name_zh", "provider", "tags", "description_en", "description_zh")) STORED,
    ADD COLUMN "search_name" TEXT GENERATED ALWAYS AS ("mecport_store_search_name"("name", "name_zh")) STORED,
    ADD COLUMN "search_keywords" TEXT GENERATED ALWAYS AS ("mecport_store_search_keywords"("name", "name_zh", "provider", "tags")) STORED,
    -- Unrated apps sort as 0, as before.
    ADD COLUMN "rating_average" DOUBLE PRECISION GENERATED ALWAYS AS (CASE WHEN "rating_count" = 0 THEN 0 ELSE "rating_sum"::DOUBLE PRECISION / "rating_count" END) STORED,
    ADD COLUMN "latest_version_id" UUID,
    ADD COLUMN "latest_version" TEXT,
    ADD COLUMN "latest_architecture" TEXT,
    ADD COLUMN "latest_published_at" TIMESTAMPTZ(3),
    ADD COLUMN "latest_certified" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "published_architectures" TEXT[] DEFAULT ARRAY[]::TEXT[],
    ADD COLUMN "certified" BOOLEAN NOT NULL DEFAULT false;

-- 2. The listing -----------------------------------------------------------------------------------

-- Not in schema.prisma: recomputes the listing columns of the given apps from their published versions.
CREATE FUNCTION "mecport_store_refresh_listing"(app_ids UUID[])
RETURNS VOID LANGUAGE plpgsql
AS $$
BEGIN
    IF coalesce(cardinality(app_ids), 0) = 0 THEN
        RETURN;
    END IF;
    -- Lock the apps first (in id order, so two refreshes cannot deadlock): the UPDATE below then runs
    -- with a new snapshot that includes whatever a concurrent writer of the same app committed before
    -- releasing this lock. NO KEY UPDATE does not conflict with the KEY SHARE lock that inserting a
    -- version takes on its app, so concurrent uploads of one app do not deadlock here.
    PERFORM 1 FROM "app" WHERE "id" = ANY(app_ids) ORDER BY "id" FOR NO KEY UPDATE;
    UPDATE "app" a SET
        "latest_version_id" = s.version_id, "latest_version" = s.version, "latest_architecture" = s.architecture,
        "latest_published_at" = s.published_at, "latest_certified" = coalesce(s.version_certified, false),
        "published_architectures" = coalesce(s.architectures, ARRAY[]::TEXT[]), "certified" = coalesce(s.any_certified, false)
    FROM (
        SELECT ids.id AS app_id, lv.id AS version_id, lv.version, lv.architecture, lv.published_at,
               (lv.certified_at IS NOT NULL) AS version_certified, agg.architectures, agg.any_certified
        FROM unnest(app_ids) AS ids(id)
        LEFT JOIN LATERAL (
            SELECT v."id", v."version", v."architecture", v."published_at", v."certified_at" FROM "app_version" v
            WHERE v."app_id" = ids.id AND v."status" = 'published' ORDER BY v."published_at" DESC, v."id" DESC LIMIT 1
        ) lv ON TRUE
        LEFT JOIN LATERAL (
            SELECT array_agg(DISTINCT v."architecture" ORDER BY v."architecture") AS architectures, bool_or(v."certified_at" IS NOT NULL) AS any_certified
            FROM "app_version" v WHERE v."app_id" = ids.id AND v."status" = 'published'
        ) agg ON TRUE
    ) s
    WHERE a."id" = s.app_id
      AND (a."latest_version_id", a."latest_version", a."latest_architecture", a."latest_published_at", a."latest_certified", a."published_architectures", a."certified")
          IS DISTINCT FROM (s.version_id, s.version, s.architecture, s.published_at, coalesce(s.version_certified, false), coalesce(s.architectures, ARRAY[]::TEXT[]), coalesce(s.any_certified, false));
END
$$;

-- Not in schema.prisma: refreshes the apps whose published versions a statement touched (inserted,
-- changed or deleted a version that is or was published). One function for the three triggers: each
-- branch reads only the transition tables its trigger declares.
CREATE FUNCTION "mecport_store_app_version_changed"()
RETURNS TRIGGER LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM "mecport_store_refresh_listing"(ARRAY(SELECT DISTINCT "app_id" FROM new_versions WHERE "status" = 'published'));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM "mecport_store_refresh_listing"(ARRAY(SELECT DISTINCT "app_id" FROM old_versions WHERE "status" = 'published'));
    ELSE
        PERFORM "mecport_store_refresh_listing"(ARRAY(
            SELECT o."app_id" FROM old_versions o JOIN new_versions n ON n."id" = o."id"
            WHERE (o."status" = 'published' OR n."status" = 'published')
              AND (o."app_id", o."status", o."version", o."architecture", o."published_at", o."certified_at")
                  IS DISTINCT FROM (n."app_id", n."status", n."version", n."architecture", n."published_at", n."certified_at")
            UNION
            SELECT n."app_id" FROM old_versions o JOIN new_versions n ON n."id" = o."id"
            WHERE (o."status" = 'published' OR n."status" = 'published') AND o."app_id" IS DISTINCT FROM n."app_id"
        ));
    END IF;
    RETURN NULL;
END
$$;

-- Not in schema.prisma: statement triggers (transition tables allow one event per trigger).
CREATE TRIGGER "app_version_listing_insert" AFTER INSERT ON "app_version"
    REFERENCING NEW TABLE AS new_versions FOR EACH STATEMENT EXECUTE FUNCTION "mecport_store_app_version_changed"();
CREATE TRIGGER "app_version_listing_update" AFTER UPDATE ON "app_version"
    REFERENCING OLD TABLE AS old_versions NEW TABLE AS new_versions FOR EACH STATEMENT EXECUTE FUNCTION "mecport_store_app_version_changed"();
CREATE TRIGGER "app_version_listing_delete" AFTER DELETE ON "app_version"
    REFERENCING OLD TABLE AS old_versions FOR EACH STATEMENT EXECUTE FUNCTION "mecport_store_app_version_changed"();

-- Backfill every existing app.
SELECT "mecport_store_refresh_listing"(ARRAY(SELECT "id" FROM "app"));

-- 3. Indexes ---------------------------------------------------------------------------------------

-- CreateIndex
CREATE INDEX "app_search_text_idx" ON "app" USING GIN ("search_text" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "app_search_name_idx" ON "app" USING GIN ("search_name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "app_latest_published_at_id_idx" ON "app"("latest_published_at", "id");

-- CreateIndex
CREATE INDEX "app_download_count_id_idx" ON "app"("download_count", "id");

-- CreateIndex
CREATE INDEX "app_rating_average_id_idx" ON "app"("rating_average", "id");
