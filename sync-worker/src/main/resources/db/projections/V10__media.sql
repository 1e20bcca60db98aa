-- Inbound media (issue 18): what became of each media item Meta sent, from the sender's wabaflow.media.events.v1:
-- stored (its SHA-256, the address of its bytes in the media store) or failed with a reason. A message's media is
-- pending until its row exists. Converges on the best outcome (stored over failed), then the earliest report.
CREATE TABLE media (
	phone_number_id text NOT NULL,
	media_id text NOT NULL,
	state text NOT NULL,
	mime_type text,
	sha256 text,
	size bigint,
	reason text,
	detail text,
	at timestamptz NOT NULL,
	event_id text NOT NULL,
	PRIMARY KEY (phone_number_id, media_id)
);
-- GET /api/v1/media/{media_id}: Meta's media ids are unique, the number is not part of the address
CREATE INDEX media_by_id ON media (media_id);

SELECT protect_projection('media');
