package io.wabaflow.platform.kafka;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Whether a listener failed because the infrastructure under it is away for a while (the database down,
 * restarting or refusing connections) rather than because of the record. Such a record is good: it must
 * wait for the database, however long that takes, and never go to the dead-letter topic, which is for
 * records that can never be processed.
 *
 * <p>Read from the cause chain, so that it holds whatever wraps the JDBC error (Jdbi, Spring, Hikari):
 * a connection that could not be had or was lost ({@link SQLTransientConnectionException},
 * {@link SQLRecoverableException}, SQLState class {@code 08}), or the server shutting down or starting
 * ({@code 57P01}-{@code 57P03}).
 */
public final class TransientInfrastructureFailure {

	private TransientInfrastructureFailure() {
	}

	public static boolean isCause(Throwable failure) {
		Map<Throwable, Boolean> seen = new IdentityHashMap<>();
		for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
			if (cause instanceof SQLTransientConnectionException || cause instanceof SQLRecoverableException) {
				return true;
			}
			if (cause instanceof SQLException sql && connectionLost(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	private static boolean connectionLost(String sqlState) {
		return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
				|| sqlState.equals("57P03"));
	}
}
