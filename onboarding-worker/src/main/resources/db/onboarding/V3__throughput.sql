-- A number's Meta throughput, when Meta announced one (phone_number_quality_update THROUGHPUT_UPGRADE: 1,000
-- messages/s, facts 4.5). Null: the sender's default for the number's type (80/s cloud, 20/s coexistence). The
-- time of the announcement keeps a late or repeated delivery from undoing a newer one.
ALTER TABLE phone_numbers ADD COLUMN throughput_mps integer;
ALTER TABLE phone_numbers ADD COLUMN throughput_changed_at timestamptz;
