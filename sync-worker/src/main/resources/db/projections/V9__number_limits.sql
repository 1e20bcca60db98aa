-- What the registry says Meta allows a number (issue 17): messages per second (its throughput tier, or the
-- THROUGHPUT_UPGRADE it announced; coexistence numbers 20) and the messaging limit (business-initiated conversations
-- with unique users in a moving 24 h). Null: not said (the sender's default), or for the limit also unlimited.
ALTER TABLE phone_numbers ADD COLUMN throughput_mps integer;
ALTER TABLE phone_numbers ADD COLUMN messaging_limit integer;
