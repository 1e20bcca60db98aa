-- WhatsApp Business Calling (issue 15): the events of calls between a number and a user (connect, terminate, and
-- the call statuses ringing / accepted / rejected), kept on the user's conversation. One row per (call, event);
-- a redelivery or a differently batched copy converges on the earliest report, tie-broken by a content hash.
CREATE TABLE call_events (
	phone_number_id text NOT NULL,
	call_id text NOT NULL,
	event text NOT NULL,
	contact_identity text,
	direction text,
	status text,
	at timestamptz NOT NULL,
	duration_seconds integer,
	raw_json text NOT NULL,
	event_key text NOT NULL,
	PRIMARY KEY (phone_number_id, call_id, event)
);
CREATE INDEX call_events_by_contact ON call_events (phone_number_id, contact_identity, at DESC);

SELECT protect_projection('call_events');
