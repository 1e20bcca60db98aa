-- Consumer groups ops asked to stop (wabaflow replay --stop-via): while a group is held, no instance runs
-- its consumers, so the group has no members and its offsets can be reset. Shared by every instance
-- through this table, like the generations themselves.
CREATE TABLE consumer_holds (
	group_id text PRIMARY KEY,
	held_at timestamptz NOT NULL
);
