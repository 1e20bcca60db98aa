-- Inbound media (README "Media"): every media item Meta sent to a number (messages, history, echoes) is downloaded
-- before its short-lived URL and its 30-day id are gone, and kept in the media store under its SHA-256. One row per
-- (number, media id): the download's own state, which makes a redelivered webhook a no-op and lets a download that a
-- stopped worker left behind be taken up again (lease_until). What became of it is published on
-- wabaflow.media.events.v1; the sync worker projects that, this table is nobody's read model.
CREATE TABLE media_downloads (
    phone_number_id text        NOT NULL,
    media_id        text        NOT NULL,
    tenant_id       text,
    -- image, audio, video, document, sticker: its size limit
    kind            text        NOT NULL,
    mime_type       text,
    -- the digest Meta's webhook carried (base64 or hex), checked against the bytes
    meta_sha256     text,
    wamid           text,
    -- pending: due (now or after a retry's delay); downloading: leased by a worker until lease_until;
    -- stored, failed: settled, and its event published
    state           text        NOT NULL,
    attempts        int         NOT NULL DEFAULT 0,
    lease_until     timestamptz,
    -- pending after a failure: when its delay record is due to wake it
    next_attempt_at timestamptz,
    sha256          text,
    size            bigint,
    reason          text,
    detail          text,
    first_seen_at   timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (phone_number_id, media_id)
);

-- the sweeper's question: which unsettled downloads has nobody been working on for a while
CREATE INDEX media_downloads_unsettled ON media_downloads (updated_at) WHERE state IN ('pending', 'downloading');

ALTER TABLE media_downloads ENABLE ROW LEVEL SECURITY;
ALTER TABLE media_downloads FORCE ROW LEVEL SECURITY;
CREATE POLICY media_downloads_worker ON media_downloads TO CURRENT_USER USING (true) WITH CHECK (true);
