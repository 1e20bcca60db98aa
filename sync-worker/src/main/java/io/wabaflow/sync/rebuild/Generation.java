package io.wabaflow.sync.rebuild;

import java.time.Instant;
import java.util.Map;

/**
 * One generation of the projection tables: its own schema, filled by its own consumer group.
 *
 * @param targetOffsets end offsets of the source partitions ({@code "<topic>:<partition>"}) when its build
 *                      started: once its group has committed them all it has everything that existed then
 */
public record Generation(int number, String state, String schemaName, String groupId,
		Map<String, Long> targetOffsets, Instant requestedAt, Instant activatedAt, Instant retiredAt,
		Instant droppedAt) {

	public static final String BUILDING = "building";

	public static final String ACTIVE = "active";

	public static final String RETIRED = "retired";

	public static final String DROPPED = "dropped";

	public static String schemaOf(int number) {
		return "sync_g" + number;
	}

	/**
	 * A fresh consumer group for a new generation. The random suffix makes sure a new generation never
	 * inherits the committed offsets of an older group of the same name (a database restored or reset
	 * while the broker kept its groups would otherwise skip everything already consumed).
	 */
	public static String groupIdOf(String prefix, int number) {
		return prefix + "-g" + number + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
	}

	/** Whether its consumers should run: while it is built and while it serves reads. */
	public boolean consuming() {
		return BUILDING.equals(state) || ACTIVE.equals(state);
	}
}
