-- Tenancy (issue 14): the second wall behind the status API's tenant filter. See README.md, "Access".

-- A command's outcome is published with its tenant (CommandResult.tenant_id); kept so that a redelivery is answered
-- for the tenant the outcome belongs to, whoever sends the command id again. Rows from before have none.
ALTER TABLE command_outcomes ADD COLUMN tenant_id text;

-- The reader role, created unless it exists. Roles belong to the cluster: another schema or database of the same
-- server may have created it already, or be creating it right now. A database user that may not create roles
-- needs an administrator to create it and grant it first (README, "Tenancy and access": database roles).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wabaflow_onboarding_reader') THEN
        CREATE ROLE wabaflow_onboarding_reader NOLOGIN;
    END IF;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN NULL;
    WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'Database user % may not create role wabaflow_onboarding_reader. As an administrator run: CREATE ROLE wabaflow_onboarding_reader NOLOGIN; GRANT wabaflow_onboarding_reader TO %;', current_user, current_user;
END
$$;

-- The worker's own user switches to the reader with SET LOCAL ROLE, which needs membership; granted here only
-- when missing (an administrator may have granted it to a user that cannot grant it itself).
DO $$
BEGIN
    IF NOT pg_has_role(current_user, 'wabaflow_onboarding_reader', 'MEMBER') THEN
        EXECUTE format('GRANT wabaflow_onboarding_reader TO %I', current_user);
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO wabaflow_onboarding_reader', current_schema());
END
$$;

GRANT SELECT ON flows, integration_log, phone_numbers TO wabaflow_onboarding_reader;

-- FORCE: the owner (the worker's user) is subject to the policies too; its own policy lets it read and write
-- everything, as the worker's steps, commands and webhooks act across tenants.
DO $$
DECLARE
    tenant_table text;
BEGIN
    FOREACH tenant_table IN ARRAY ARRAY['flows', 'integration_log', 'phone_numbers']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('CREATE POLICY %I ON %I TO CURRENT_USER USING (true) WITH CHECK (true)',
                tenant_table || '_worker', tenant_table);
        EXECUTE format($policy$
            CREATE POLICY %I ON %I FOR SELECT TO wabaflow_onboarding_reader
            USING (current_setting('wabaflow.operator', true) = 'on'
                OR tenant_id = current_setting('wabaflow.tenant_id', true))
            $policy$, tenant_table || '_tenant_read', tenant_table);
    END LOOP;
END
$$;
