-- A deployment target succeeds only once the agent applied the revision that carries its change,
-- so that a heartbeat about the previous version cannot pass for the new one.
ALTER TABLE "deployment_target" ADD COLUMN "revision" INTEGER;
