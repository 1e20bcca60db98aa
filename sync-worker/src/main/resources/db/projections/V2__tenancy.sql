-- Tenancy's second wall (DESIGN.md principle 8; README "Tenancy and access"). The read API answers as
-- wabaflow_sync_reader, which owns nothing and is no superuser, with the caller's tenant (or the operator flag)
-- set for its transaction only (platform's TenantReads). These policies then show a tenant the rows of the numbers
-- the registry gives it, and nothing else, even to a query that forgot its filter. Numbers no tenant owns (their
-- webhooks are projected all the same) are seen by operators only.
--
-- The tenant is not copied into every row: a number's owner is a fact of the registry (phone_numbers, from the
-- compacted wabaflow.phone-numbers.v1), and webhooks may be projected before the registration that names their
-- owner arrives. Resolving it through phone_numbers at read time keeps every row a function of the events alone,
-- so a rebuild stays row-for-row identical and keeps every row's tenant.

-- The reader role, created unless it exists. Roles belong to the cluster: another schema or database of the same
-- server may have created it already, or be creating it right now. A database user that may not create roles
-- needs an administrator to create it and grant it first (README, "Tenancy and access": database roles).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wabaflow_sync_reader') THEN
        CREATE ROLE wabaflow_sync_reader NOLOGIN;
    END IF;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN NULL;
    WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'Database user % may not create role wabaflow_sync_reader. As an administrator run: CREATE ROLE wabaflow_sync_reader NOLOGIN; GRANT wabaflow_sync_reader TO %;', current_user, current_user;
END
$$;

-- The worker's own user switches to the reader with SET LOCAL ROLE, which needs membership; granted here only
-- when missing (an administrator may have granted it to a user that cannot grant it itself).
DO $$
BEGIN
    IF NOT pg_has_role(current_user, 'wabaflow_sync_reader', 'MEMBER') THEN
        EXECUTE format('GRANT wabaflow_sync_reader TO %I', current_user);
    END IF;
END
$$;

GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO wabaflow_sync_reader;

ALTER TABLE phone_numbers ENABLE ROW LEVEL SECURITY;
ALTER TABLE phone_numbers FORCE ROW LEVEL SECURITY;
-- the worker (projection writers, rebuilds) works on every tenant's rows
CREATE POLICY phone_numbers_worker ON phone_numbers TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY phone_numbers_reader ON phone_numbers FOR SELECT TO wabaflow_sync_reader
    USING (current_setting('wabaflow.operator', true) = 'on'
        OR tenant_id = current_setting('wabaflow.tenant_id', true));
GRANT SELECT ON phone_numbers TO wabaflow_sync_reader;

-- Every other projection table is per number: a row is the tenant's when its number is. A function, so that the
-- tables of later migrations get the same wall in one line.
CREATE FUNCTION protect_projection(projection text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', projection);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', projection);
    EXECUTE format('CREATE POLICY %I ON %I TO CURRENT_USER USING (true) WITH CHECK (true)',
            projection || '_worker', projection);
    EXECUTE format($policy$
        CREATE POLICY %I ON %I FOR SELECT TO wabaflow_sync_reader
        USING (current_setting('wabaflow.operator', true) = 'on'
            OR phone_number_id IN (SELECT phone_number_id FROM phone_numbers
                WHERE tenant_id = current_setting('wabaflow.tenant_id', true)))
        $policy$, projection || '_reader', projection);
    EXECUTE format('GRANT SELECT ON %I TO wabaflow_sync_reader', projection);
END
$$;

SELECT protect_projection(projection) FROM unnest(ARRAY['contacts', 'messages', 'message_statuses', 'reactions',
    'message_edits', 'message_revokes', 'read_marks', 'conversations', 'history_chunks', 'history_errors'])
    AS t(projection);
