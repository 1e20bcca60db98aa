-- A number's Meta messaging limit: business-initiated conversations with unique users in a moving 24 h
-- (business_capability_update's max_daily_conversations_per_business, or the tier of a phone_number_quality_update,
-- facts 4.5). Null: Meta has not said, or unlimited. The time of the announcement keeps a late or repeated delivery
-- from undoing a newer one.
ALTER TABLE phone_numbers ADD COLUMN messaging_limit integer;
ALTER TABLE phone_numbers ADD COLUMN messaging_limit_changed_at timestamptz;
