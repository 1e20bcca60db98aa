-- The projection tables of one generation; Flyway creates them in the generation's own schema (sync_g<N>).
--
-- Rule for every column: it is a deterministic function of the SET of events consumed, never of their
-- order, their number of deliveries, the batch boundaries or the time they were processed. So a value is
-- either
--   * a register: the value of the winning event by (rank, time, event id), replaced only by a winner
--     (monotonic upsert, "... DO UPDATE ... WHERE (excluded.x, excluded.id) > (t.x, t.id)"),
--   * a lattice merge: least()/greatest()/bool_or, which ignores duplicates and order,
--   * or an aggregate recomputed from other projection rows (conversations).
-- No serial ids, no now(): a rebuild from the topics yields row-for-row identical tables.
-- Times are timestamptz built from the events' own times (epoch milliseconds bound by the writers).

-- The registry of numbers, from the compacted wabaflow.phone-numbers.v1 (latest updated_at wins; the
-- encrypted access token is not the sync worker's business and is not stored).
CREATE TABLE phone_numbers (
	phone_number_id text PRIMARY KEY,
	tenant_id text NOT NULL,
	waba_id text NOT NULL,
	display_phone_number text,
	number_type text NOT NULL,
	status text NOT NULL,
	onboarded_at timestamptz NOT NULL,
	updated_at timestamptz NOT NULL,
	-- tie-break between two registrations with the same updated_at: a hash of their content
	version_key text NOT NULL
);

-- Contacts per business number. Two independent registers: the WhatsApp profile (from inbound
-- messages' contacts[]) and the business app's address book (smb_app_state_sync add/remove).
CREATE TABLE contacts (
	phone_number_id text NOT NULL,
	wa_id text NOT NULL,
	profile_name text,
	profile_changed_at timestamptz,
	profile_event_id text,
	book_action text,
	book_full_name text,
	book_first_name text,
	book_changed_at timestamptz,
	book_event_id text,
	PRIMARY KEY (phone_number_id, wa_id)
);

-- Every message once, whatever its source: inbound webhooks, outbound message events (keyed by
-- 'cmd:<command id>', the wamid attached when the sender reports it), business-app echoes and history.
-- Two registers, each replaced as a whole by a higher (rank, event id):
--   body     (type, content_json, context_json, raw_json): live 3 > history 2 > media placeholder 1,
--            so the history media follow-up completes a placeholder in whichever order they arrive;
--   envelope (contact, direction, origin, sender, sent_at, is_group): live 3 > history thread 2 >
--            history media follow-up 1 (which may not name the contact).
CREATE TABLE messages (
	phone_number_id text NOT NULL,
	message_id text NOT NULL,
	wamid text,
	command_id text,
	contact_wa_id text,
	direction text,
	origin text,
	sender text,
	sent_at timestamptz,
	is_group boolean NOT NULL DEFAULT false,
	env_rank integer NOT NULL DEFAULT 0,
	env_key text NOT NULL DEFAULT '',
	type text,
	content_json text,
	context_json text,
	raw_json text,
	body_rank integer NOT NULL DEFAULT 0,
	body_key text NOT NULL DEFAULT '',
	-- history only: history_context.status and the phase the message came in
	history_status text,
	history_phase integer,
	-- outbound only: the sender's verdict, a register by (rank, occurred_at, event id) where
	-- ACCEPTED 1 < FAILED/REJECTED 2 < SENT 3 (a wamid means Meta took it, whatever came before)
	outbound_state text,
	outbound_state_rank integer,
	outbound_state_at timestamptz,
	outbound_state_event_id text,
	error_code integer,
	error_title text,
	error_details text,
	reject_reason text,
	PRIMARY KEY (phone_number_id, message_id)
);
CREATE INDEX messages_by_conversation ON messages (phone_number_id, contact_wa_id, sent_at DESC, message_id DESC);

-- Status transitions, one row per (wamid, status), each with the earliest time it was reported. Kept
-- apart from messages so a status that arrives before its message (or before the sender's SENT event)
-- still counts. The current status is derived from the set on read (sent < delivered < read < played,
-- never backwards; failed wins unless a positive status was reported after it).
CREATE TABLE message_statuses (
	phone_number_id text NOT NULL,
	wamid text NOT NULL,
	status text NOT NULL,
	status_at timestamptz NOT NULL,
	event_id text NOT NULL,
	recipient_id text,
	is_group boolean NOT NULL DEFAULT false,
	error_code integer,
	error_title text,
	error_details text,
	raw_json text NOT NULL,
	PRIMARY KEY (phone_number_id, wamid, status)
);

-- Reactions by reactor on a message (latest reaction wins; a removal keeps emoji null).
CREATE TABLE reactions (
	phone_number_id text NOT NULL,
	target_wamid text NOT NULL,
	reactor text NOT NULL,
	emoji text,
	reacted_at timestamptz NOT NULL,
	reaction_message_id text NOT NULL,
	PRIMARY KEY (phone_number_id, target_wamid, reactor)
);

-- The latest edit of a message (type:"edit"), kept apart so the edit may arrive before the original.
CREATE TABLE message_edits (
	phone_number_id text NOT NULL,
	target_wamid text NOT NULL,
	type text,
	content_json text,
	edited_at timestamptz NOT NULL,
	edit_message_id text NOT NULL,
	PRIMARY KEY (phone_number_id, target_wamid)
);

-- Revoked (deleted for everyone) messages: the earliest revoke.
CREATE TABLE message_revokes (
	phone_number_id text NOT NULL,
	target_wamid text NOT NULL,
	revoked_at timestamptz NOT NULL,
	revoke_message_id text NOT NULL,
	PRIMARY KEY (phone_number_id, target_wamid)
);

-- Messages the business marked read (MARK_READ commands the sender performed): everything up to the
-- marked message counts as read.
CREATE TABLE read_marks (
	phone_number_id text NOT NULL,
	target_wamid text NOT NULL,
	marked_at timestamptz NOT NULL,
	PRIMARY KEY (phone_number_id, target_wamid)
);

-- Conversations per (number, contact): recomputed from messages for the keys a batch touched, so
-- duplicates never double count. Only content messages count (reactions, edits, revokes and status
-- changes don't).
CREATE TABLE conversations (
	phone_number_id text NOT NULL,
	contact_wa_id text NOT NULL,
	conversation_id text NOT NULL,
	is_group boolean NOT NULL,
	message_count integer NOT NULL,
	inbound_count integer NOT NULL,
	outbound_count integer NOT NULL,
	from_contact integer NOT NULL,
	from_agent integer NOT NULL,
	from_bot integer NOT NULL,
	from_system integer NOT NULL,
	from_business_app integer NOT NULL,
	history_count integer NOT NULL,
	last_message_id text NOT NULL,
	last_message_at timestamptz NOT NULL,
	last_message_direction text,
	last_message_type text,
	last_inbound_at timestamptz,
	-- the customer service window: 24 h after the last message the user sent after onboarding (live
	-- inbound); echoes, history and outbound messages never open or extend it
	last_user_message_at timestamptz,
	window_expires_at timestamptz,
	unread_count integer NOT NULL,
	PRIMARY KEY (phone_number_id, contact_wa_id)
);
CREATE UNIQUE INDEX conversations_by_id ON conversations (conversation_id);
CREATE INDEX conversations_newest_first ON conversations (phone_number_id, last_message_at DESC, contact_wa_id DESC);

-- History sync: one row per (phase, chunk_order) seen, whatever the number of deliveries.
CREATE TABLE history_chunks (
	phone_number_id text NOT NULL,
	phase integer NOT NULL,
	chunk_order integer NOT NULL,
	progress integer NOT NULL,
	thread_count integer NOT NULL,
	message_count integer NOT NULL,
	first_received_at timestamptz NOT NULL,
	PRIMARY KEY (phone_number_id, phase, chunk_order)
);

-- Errors in history webhooks; code 2593109 = the business declined to share its history.
CREATE TABLE history_errors (
	phone_number_id text NOT NULL,
	error_code integer NOT NULL,
	error_title text,
	error_message text,
	error_details text,
	first_received_at timestamptz NOT NULL,
	PRIMARY KEY (phone_number_id, error_code)
);
