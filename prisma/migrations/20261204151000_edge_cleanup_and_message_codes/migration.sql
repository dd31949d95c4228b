-- Deployments clean up after themselves, terminate is visible, messages carry stable codes (issue 10, items 6, 7, 12).

-- The ports a version's process bundle declares, a JSON array of numbers (null: not read from its package yet).
ALTER TABLE "app_version" ADD COLUMN "declared_ports" JSONB;

-- Why an instance left its node's desired state (operator | deployment_failed), and the agent's
-- status message as a stable code with parameters beside the English text.
ALTER TABLE "app_instance" ADD COLUMN "termination_reason" TEXT,
ADD COLUMN "message_code" TEXT,
ADD COLUMN "message_params" JSONB;

-- Terminated instances are desired REMOVED (they kept RUNNING before).
UPDATE "app_instance" SET "desired_state" = 'REMOVED', "termination_reason" = 'operator' WHERE "terminated_at" IS NOT NULL;

-- An alarm's parameters (app, node, restarts, the instance's message code) for translated text,
-- and why it was cleared (condition_ended | operator | instance_terminated | instance_withdrawn).
ALTER TABLE "alarm" ADD COLUMN "details" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN "clear_reason" TEXT;
