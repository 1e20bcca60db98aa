-- Tenancy's second wall (DESIGN.md principle 8): the read API answers from `sends` as a reader role that
-- sees only the rows of the tenant set for its transaction, so a query that forgot its tenant filter
-- returns nothing of another tenant's. The first wall is the API's own check (404 for another tenant's
-- command id); this one holds when that check is missing.
--
-- sends.tenant_id exists since V1 and is filled from the command (SendMessage.tenant_id) at intake, so no
-- rows need backfilling. It stays nullable on purpose: a command that named no tenant is kept as a row
-- (REJECTED TENANT_REQUIRED, so that a duplicate of it gets the same answer) that no tenant owns and only
-- operators see. Rows written before tenancy keep what the command carried then.

-- The reader role, created unless it exists. Roles belong to the cluster: another schema or database of the same
-- server may have created it already, or be creating it right now. A database user that may not create roles
-- needs an administrator to create it and grant it first (README, "Tenancy and access": database roles).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wabaflow_sender_reader') THEN
        CREATE ROLE wabaflow_sender_reader NOLOGIN;
    END IF;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN NULL;
    WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'Database user % may not create role wabaflow_sender_reader. As an administrator run: CREATE ROLE wabaflow_sender_reader NOLOGIN; GRANT wabaflow_sender_reader TO %;', current_user, current_user;
END
$$;

-- The worker's own user switches to the reader with SET LOCAL ROLE, which needs membership; granted here only
-- when missing (an administrator may have granted it to a user that cannot grant it itself).
DO $$
BEGIN
    IF NOT pg_has_role(current_user, 'wabaflow_sender_reader', 'MEMBER') THEN
        EXECUTE format('GRANT wabaflow_sender_reader TO %I', current_user);
    END IF;
END
$$;

GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO wabaflow_sender_reader;
GRANT SELECT ON sends TO wabaflow_sender_reader;

-- FORCE: the worker's user owns the table, and owners bypass policies unless forced.
ALTER TABLE sends ENABLE ROW LEVEL SECURITY;
ALTER TABLE sends FORCE ROW LEVEL SECURITY;

-- The worker itself (intake, claims, settlements, recovery) works on every tenant's sends.
CREATE POLICY sends_worker ON sends TO CURRENT_USER USING (true) WITH CHECK (true);

-- The read API: an operator's transaction sees every row, a tenant's only its own. current_setting(…, true)
-- is NULL (or '' once set earlier on the pooled connection) when the transaction set nothing: no rows.
CREATE POLICY sends_reader ON sends FOR SELECT TO wabaflow_sender_reader
    USING (current_setting('wabaflow.operator', true) = 'on'
        OR tenant_id = current_setting('wabaflow.tenant_id', true));
