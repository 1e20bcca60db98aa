-- Tenancy (issue 14): the second wall behind the status API's tenant filter. See README.md, "Access".

-- A command's outcome is published with its tenant (CommandResult.tenant_id); kept so that a redelivery is answered
-- for the tenant the outcome belongs to, whoever sends the command id again. Rows from before have none.
ALTER TABLE command_outcomes ADD COLUMN tenant_id text;

-- The role the status API reads as (SET LOCAL ROLE in its transaction). It owns nothing and is not a superuser, so
-- row-level security applies to it. Roles are cluster-wide: another database of the same cluster (the test
-- databases, a second environment) may have created it already, or be creating it right now.
DO $$
BEGIN
    CREATE ROLE wabaflow_onboarding_reader NOLOGIN;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

-- The worker's own user must be able to SET ROLE to it. Only when not a member yet: an administrator may have
-- created the role and granted it beforehand, to a user that could not grant it itself.
DO $$
BEGIN
    IF NOT pg_has_role(current_user, 'wabaflow_onboarding_reader', 'MEMBER') THEN
        GRANT wabaflow_onboarding_reader TO current_user;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO wabaflow_onboarding_reader', current_schema());
END
$$;

GRANT SELECT ON flows, integration_log, phone_numbers TO wabaflow_onboarding_reader;

-- FORCE: the owner (the worker's user) is subject to the policies too; its own policy lets it read and write
-- everything, as the worker's steps, commands and webhooks act across tenants.
ALTER TABLE flows ENABLE ROW LEVEL SECURITY;
ALTER TABLE flows FORCE ROW LEVEL SECURITY;
CREATE POLICY flows_worker ON flows TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY flows_tenant_read ON flows FOR SELECT TO wabaflow_onboarding_reader
    USING (current_setting('wabaflow.operator', true) = 'on'
        OR tenant_id = current_setting('wabaflow.tenant_id', true));

ALTER TABLE integration_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE integration_log FORCE ROW LEVEL SECURITY;
CREATE POLICY integration_log_worker ON integration_log TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY integration_log_tenant_read ON integration_log FOR SELECT TO wabaflow_onboarding_reader
    USING (current_setting('wabaflow.operator', true) = 'on'
        OR tenant_id = current_setting('wabaflow.tenant_id', true));

ALTER TABLE phone_numbers ENABLE ROW LEVEL SECURITY;
ALTER TABLE phone_numbers FORCE ROW LEVEL SECURITY;
CREATE POLICY phone_numbers_worker ON phone_numbers TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY phone_numbers_tenant_read ON phone_numbers FOR SELECT TO wabaflow_onboarding_reader
    USING (current_setting('wabaflow.operator', true) = 'on'
        OR tenant_id = current_setting('wabaflow.tenant_id', true));
