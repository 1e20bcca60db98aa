-- Meta's messaging limit (facts 4.5) caps the conversations a business starts: templates to users whose customer
-- service window is closed, counted by unique user in a moving 24 h. A send records whether it started one, under
-- the recipient's key (a phone's digits, a business-scoped user id as written: the rule of Recipients.key).
ALTER TABLE sends ADD COLUMN business_initiated boolean NOT NULL DEFAULT false;
ALTER TABLE sends ADD COLUMN recipient_key text GENERATED ALWAYS AS (
    CASE WHEN recipient ~ '[[:alpha:]]' THEN btrim(recipient) ELSE regexp_replace(recipient, '[^0-9]', '', 'g') END
) STORED;
CREATE INDEX sends_business_initiated ON sends (phone_number_id, received_at) WHERE business_initiated;
