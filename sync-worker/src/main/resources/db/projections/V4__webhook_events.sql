-- Every webhook field the projections do not model (issue 15): account_update, message_template_*,
-- phone_number_quality_update, business_capability_update, account_review_update, phone_number_name_update,
-- security, calls, user_preferences, automatic_events, flows, ... and the value-level errors of messages changes.
-- Nothing signed is dropped: each change is kept raw, once per event id, per number (null for WABA-level changes)
-- and WABA, and served by the read API. Its time is the earliest reception (least()), so a redelivery changes
-- nothing and a rebuild gives the same rows.
CREATE TABLE webhook_events (
	waba_id text NOT NULL,
	event_id text NOT NULL,
	phone_number_id text,
	field text NOT NULL,
	received_at timestamptz NOT NULL,
	value_json text NOT NULL,
	PRIMARY KEY (waba_id, event_id)
);
CREATE INDEX webhook_events_by_number ON webhook_events (phone_number_id, received_at DESC, event_id DESC);
CREATE INDEX webhook_events_by_waba ON webhook_events (waba_id, received_at DESC, event_id DESC);

-- The second wall: a change of one of the tenant's numbers, or of the WABA of one of them.
ALTER TABLE webhook_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_events FORCE ROW LEVEL SECURITY;
CREATE POLICY webhook_events_worker ON webhook_events TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY webhook_events_reader ON webhook_events FOR SELECT TO wabaflow_sync_reader
    USING (current_setting('wabaflow.operator', true) = 'on'
        OR phone_number_id IN (SELECT phone_number_id FROM phone_numbers
            WHERE tenant_id = current_setting('wabaflow.tenant_id', true))
        OR waba_id IN (SELECT waba_id FROM phone_numbers
            WHERE tenant_id = current_setting('wabaflow.tenant_id', true)));
GRANT SELECT ON webhook_events TO wabaflow_sync_reader;
