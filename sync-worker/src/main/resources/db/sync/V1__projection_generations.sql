-- The control table of the blue/green projections (see README, "Rebuild").
-- Each generation is a full set of projection tables in its own schema (sync_g<N>), filled by its own
-- consumer group (wabaflow-sync-g<N>-…) reading every source topic from the beginning. Reads go to the one
-- generation in state 'active'; a rebuild fills a 'building' generation and switches reads to it in one
-- transaction once it has consumed up to the end offsets captured when it started.
CREATE TABLE projection_generations (
	generation integer PRIMARY KEY,
	state text NOT NULL CHECK (state IN ('building', 'active', 'retired', 'dropped')),
	schema_name text NOT NULL UNIQUE,
	group_id text NOT NULL UNIQUE,
	-- JSON object {"<topic>:<partition>": <end offset>} captured when the build started: caught up = the
	-- group's committed offsets reached all of them
	target_offsets text NOT NULL,
	requested_at timestamptz NOT NULL,
	activated_at timestamptz,
	retired_at timestamptz,
	dropped_at timestamptz
);

-- At most one generation serves reads and at most one is being built, whatever the number of instances.
CREATE UNIQUE INDEX projection_generations_one_active ON projection_generations ((true)) WHERE state = 'active';
CREATE UNIQUE INDEX projection_generations_one_building ON projection_generations ((true)) WHERE state = 'building';
