-- The template catalogue (README "Templates"): every message template of every WABA the sender sends for, as
-- Meta's list gave it and as the template webhooks changed it since. The sender checks a template send against it
-- before calling Meta.

-- One row per WABA whose catalogue was read from Meta at least once: before that, template sends are not checked
-- (nothing is known yet that could refuse them; Meta decides).
CREATE TABLE template_catalogues (
    waba_id    text PRIMARY KEY,
    tenant_id  text,
    synced_at  timestamptz NOT NULL
);

CREATE TABLE templates (
    waba_id                text        NOT NULL,
    name                   text        NOT NULL,
    -- Meta's send form (en_US); template webhooks write en-US and are normalised before they get here
    language               text        NOT NULL,
    tenant_id              text,
    template_id            text,
    status                 text        NOT NULL,
    category               text,
    -- a category Meta announced for a later time (template_category_update's correct_category)
    upcoming_category      text,
    upcoming_category_at   timestamptz,
    quality_score          text,
    reason                 text,
    -- the components array as Meta lists it; NULL while only a webhook has named the template
    components_json        text,
    -- the newest webhook entry time applied: a replayed older webhook does not move the row back
    event_time             bigint,
    updated_at             timestamptz NOT NULL,
    PRIMARY KEY (waba_id, name, language)
);

-- Users who stopped marketing messages from a number (user_preferences webhooks), under every name Meta gave:
-- phone and business-scoped user id. Only ever moved forward by the preference's own timestamp.
CREATE TABLE marketing_preferences (
    phone_number_id text        NOT NULL,
    user_key        text        NOT NULL,
    opted_out       boolean     NOT NULL,
    changed_at      timestamptz NOT NULL,
    PRIMARY KEY (phone_number_id, user_key)
);

-- The read API reads templates as the reader role (V2), which sees only its tenant's rows.
GRANT SELECT ON templates, template_catalogues TO wabaflow_sender_reader;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['templates', 'template_catalogues'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY %I ON %I TO CURRENT_USER USING (true) WITH CHECK (true)', t || '_worker', t);
        EXECUTE format($p$CREATE POLICY %I ON %I FOR SELECT TO wabaflow_sender_reader
            USING (current_setting('wabaflow.operator', true) = 'on'
                OR tenant_id = current_setting('wabaflow.tenant_id', true))$p$, t || '_reader', t);
    END LOOP;
END
$$;
