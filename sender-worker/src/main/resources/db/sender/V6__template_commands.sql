-- Template commands (wabaflow.commands.templates.v1): each command's outcome, once. A redelivered or replayed command
-- gets its first outcome again instead of creating (or deleting) at Meta twice. outcome PROCESSING: claimed by the
-- delivery carrying it out (processed_at: when); taken over when it stays so for minutes (its worker stopped).
CREATE TABLE template_commands (
    command_id   text        PRIMARY KEY,
    tenant_id    text,
    waba_id      text        NOT NULL,
    action       text        NOT NULL,
    name         text        NOT NULL,
    outcome      text        NOT NULL,
    http_status  int         NOT NULL,
    error_code   text,
    message      text,
    data_json    text,
    processed_at timestamptz NOT NULL
);

ALTER TABLE template_commands ENABLE ROW LEVEL SECURITY;
ALTER TABLE template_commands FORCE ROW LEVEL SECURITY;
CREATE POLICY template_commands_worker ON template_commands TO CURRENT_USER USING (true) WITH CHECK (true);
