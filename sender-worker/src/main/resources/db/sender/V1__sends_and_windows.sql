-- The sender's own tables (schema "sender"). See the module README for the lifecycle.

-- One row per command id, ever: the row decides whether a command is seen for the first time
-- (INSERT ... ON CONFLICT DO NOTHING) and records every step of its lifecycle.
--   PENDING   recorded, waiting for its number's rate or for its retry to fall due
--   INTENDED  a Graph call is about to be made or is in flight (committed before the call)
--   SENT / FAILED / REJECTED   settled with Meta's answer (or without a call, for rejections)
--   UNKNOWN   in doubt: a call may have happened but its answer was never recorded
CREATE TABLE sends (
    command_id               text PRIMARY KEY,
    tenant_id                text,
    phone_number_id          text        NOT NULL,
    recipient                text        NOT NULL,
    message_type             text        NOT NULL,
    content_json             text        NOT NULL,
    reply_to                 text,
    sender                   text        NOT NULL,
    biz_opaque_callback_data text,
    issued_at                timestamptz,
    -- the command topic partition it came from: who owns it after a restart or a rebalance
    source_partition         integer     NOT NULL,
    state                    text        NOT NULL,
    -- Graph calls started so far; every call is claimed with attempt = attempt + 1
    attempt                  integer     NOT NULL DEFAULT 0,
    next_attempt_at          timestamptz,
    -- the worker instance that made the current call, and when it claimed it
    owner                    text,
    intended_at              timestamptz,
    wamid                    text,
    wa_id                    text,
    error_code               integer,
    error_title              text,
    error_details            text,
    reason                   text,
    -- the state whose events the topics acknowledged (a small outbox: anything else is published again)
    published_state          text,
    received_at              timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL,
    CONSTRAINT sends_state CHECK (state IN ('PENDING', 'INTENDED', 'SENT', 'FAILED', 'REJECTED', 'UNKNOWN'))
);

-- what recovery looks for: open sends per partition, and settled sends not yet published
CREATE INDEX sends_open ON sends (source_partition, state) WHERE state IN ('PENDING', 'INTENDED');
CREATE INDEX sends_unpublished ON sends (source_partition, updated_at)
    WHERE published_state IS DISTINCT FROM state AND state IN ('SENT', 'FAILED', 'REJECTED', 'UNKNOWN');

-- The customer service windows: the last time each user wrote to each business number, by Meta's
-- message timestamp. Only user messages count (not echoes of the Business app, not history).
CREATE TABLE windows (
    phone_number_id text        NOT NULL,
    wa_id           text        NOT NULL,
    last_inbound_at timestamptz NOT NULL,
    last_message_id text,
    PRIMARY KEY (phone_number_id, wa_id)
);

-- What Meta told us a recipient we addressed by phone number is on WhatsApp (contacts[].input -> wa_id),
-- so that a window opened under the wa_id is found for the phone number too.
CREATE TABLE recipients (
    phone_number_id text NOT NULL,
    input           text NOT NULL,
    wa_id           text NOT NULL,
    PRIMARY KEY (phone_number_id, input)
);
