-- Media the sender uploaded to Meta for a number (POST /api/v1/media, or a send naming a stored object by its
-- SHA-256): Meta's media id, reused while Meta keeps it (30 days), so that a photo sent to a thousand users is
-- uploaded once.
CREATE TABLE media_uploads (
    phone_number_id text        NOT NULL,
    sha256          text        NOT NULL,
    media_id        text        NOT NULL,
    mime_type       text        NOT NULL,
    uploaded_at     timestamptz NOT NULL,
    PRIMARY KEY (phone_number_id, sha256)
);

ALTER TABLE media_uploads ENABLE ROW LEVEL SECURITY;
ALTER TABLE media_uploads FORCE ROW LEVEL SECURITY;
CREATE POLICY media_uploads_worker ON media_uploads TO CURRENT_USER USING (true) WITH CHECK (true);
