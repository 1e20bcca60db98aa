package io.wabaflow.sync.db;

import java.sql.Timestamp;
import java.time.Instant;

/** Small helpers shared by the projection writers and readers. */
public final class Sql {

	private Sql() {
	}

	/** Null-safe {@code timestamptz} from a {@code bigint} of epoch milliseconds, exact to the millisecond. */
	public static String ts(String millisColumn) {
		return "(timestamptz 'epoch' + " + millisColumn + " * interval '1 millisecond')";
	}

	public static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
