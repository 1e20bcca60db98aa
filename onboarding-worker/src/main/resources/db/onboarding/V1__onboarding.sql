-- The onboarding worker's own tables (schema "onboarding"). See README.md.

-- One row per onboarding: the state machine's truth. Replaced by compare-and-set on version.
CREATE TABLE flows (
    onboarding_id        text PRIMARY KEY,
    command_id           text NOT NULL UNIQUE,        -- a redelivered StartOnboarding finds its flow
    tenant_id            text NOT NULL,
    state                text NOT NULL,
    version              integer NOT NULL,
    step_attempt         integer NOT NULL DEFAULT 0,  -- failed attempts of the current step (back-off)
    poll_attempts        integer NOT NULL DEFAULT 0,
    strategy_index       integer NOT NULL DEFAULT 0,  -- next creation strategy, 0 = 2A .. 4 = 2E
    creation_rounds      integer NOT NULL DEFAULT 0,
    polling_strategy     text,
    strategy_used        text,
    session_event        text,
    hint_waba_id         text,
    hint_phone_number_id text,
    hint_business_id     text,
    business_id          text,
    waba_id              text,
    phone_number_id      text,
    display_phone_number text,
    number_type          text,
    encrypted_code       bytea,                       -- AES-GCM, bound to onboarding_id; cleared once exchanged
    encrypted_token      bytea,                       -- AES-GCM, bound to onboarding_id
    code_issued_at       timestamptz NOT NULL,
    onboarded_at         timestamptz,
    due_at               timestamptz NOT NULL,
    claimed_at           timestamptz,                 -- a step of this version is running (or its worker died)
    claims               integer NOT NULL DEFAULT 0,  -- claims of this version: > 1 means a step was interrupted
    last_successful_step text,
    last_error_code      integer,
    last_error_message   text,
    last_error_at        timestamptz,
    failure_reason       text,
    awaiting_announced   boolean NOT NULL DEFAULT false,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    completed_at         timestamptz,
    CONSTRAINT flows_state CHECK (state IN ('EXCHANGING_CODE', 'DISCOVERING_WABA', 'CREATING_WABA', 'POLLING_WABA',
        'AWAITING_WABA_CREATION', 'SELECTING_PHONE', 'REGISTERING_PHONE', 'SUBSCRIBING_APP', 'COMPLETED', 'FAILED',
        'SUPERSEDED'))
);
CREATE INDEX flows_tenant ON flows (tenant_id, created_at DESC);
CREATE INDEX flows_claimed ON flows (claimed_at) WHERE claimed_at IS NOT NULL;
CREATE INDEX flows_due ON flows (due_at) WHERE state NOT IN ('COMPLETED', 'FAILED', 'SUPERSEDED');

-- Seed 001's integration log: one row per step attempt.
CREATE TABLE integration_log (
    id            bigserial PRIMARY KEY,
    onboarding_id text,
    tenant_id     text NOT NULL,
    step          text NOT NULL,
    strategy      text,
    success       boolean NOT NULL,
    error_code    integer,
    error_message text,
    details       jsonb NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL
);
CREATE INDEX integration_log_tenant ON integration_log (tenant_id, id);

-- The registry of onboarded numbers, mirrored on the compacted topic wabaflow.phone-numbers.v1.
CREATE TABLE phone_numbers (
    phone_number_id      text PRIMARY KEY,
    tenant_id            text NOT NULL,
    waba_id              text NOT NULL,
    onboarding_id        text NOT NULL,
    display_phone_number text,
    number_type          text NOT NULL CHECK (number_type IN ('CLOUD', 'COEXISTENCE')),
    status               text NOT NULL CHECK (status IN ('ACTIVE', 'DISCONNECTED', 'OFFBOARDED', 'UNKNOWN')),
    encrypted_token      bytea NOT NULL,              -- AES-GCM, bound to phone_number_id
    onboarded_at         timestamptz NOT NULL,        -- the code exchange: starts the 24 h coexistence sync window
    status_changed_at    timestamptz NOT NULL,        -- an older account_update never overrides a newer status
    status_reason        text,
    updated_at           timestamptz NOT NULL
);
CREATE INDEX phone_numbers_waba ON phone_numbers (waba_id);
CREATE INDEX phone_numbers_tenant ON phone_numbers (tenant_id);

-- Coexistence sync requests: each type once per onboarding of a number; Meta's request_id kept for support.
CREATE TABLE coexistence_sync_requests (
    phone_number_id text NOT NULL,
    sync_type       text NOT NULL CHECK (sync_type IN ('CONTACTS', 'HISTORY')),
    onboarding_id   text NOT NULL,
    command_id      text NOT NULL,
    state           text NOT NULL CHECK (state IN ('PENDING', 'REQUESTED', 'REFUSED', 'FAILED', 'UNKNOWN')),
    request_id      text,
    error_code      integer,
    error_message   text,
    requested_at    timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (phone_number_id, sync_type, onboarding_id)
);

-- The latest outcome of each command: a redelivered command gets the same answer without doing its work twice.
CREATE TABLE command_outcomes (
    command_id   text PRIMARY KEY,
    command_type text NOT NULL,
    outcome      text NOT NULL,
    http_status  integer NOT NULL,
    error_code   text,
    message      text,
    data_json    text,
    occurred_at  timestamptz NOT NULL
);

-- Webhook changes already applied (account_update), by their deterministic event id.
CREATE TABLE processed_webhooks (
    event_id     text PRIMARY KEY,
    processed_at timestamptz NOT NULL
);

-- The transactional outbox: records to publish, written with the state change that caused them.
CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    topic       text NOT NULL,
    message_key text NOT NULL,
    payload     bytea NOT NULL,                       -- Avro single-object encoding
    created_at  timestamptz NOT NULL
);
