package io.wabaflow.sync.db;

import java.util.List;
import java.util.function.Function;

import org.jdbi.v3.core.statement.Update;

/**
 * Binds a list of rows as one array per column, for {@code INSERT ... SELECT ... FROM unnest(:a, :b, ...)}:
 * one statement and one round trip for the whole batch, whatever its size (the fastest multi-row
 * upsert PostgreSQL offers a JDBC client). Times are bound as epoch milliseconds and turned into
 * timestamptz in SQL ({@code timestamptz 'epoch' + ms * interval '1 millisecond'}, exact and null-safe).
 */
public final class ColumnArrays<T> {

	private final Update update;

	private final List<T> rows;

	private ColumnArrays(Update update, List<T> rows) {
		this.update = update;
		this.rows = rows;
	}

	public static <T> ColumnArrays<T> of(Update update, List<T> rows) {
		return new ColumnArrays<>(update, rows);
	}

	public ColumnArrays<T> text(String name, Function<T, String> column) {
		update.bindArray(name, String.class, rows.stream().map(column).toList());
		return this;
	}

	public ColumnArrays<T> bigint(String name, Function<T, Long> column) {
		update.bindArray(name, Long.class, rows.stream().map(column).toList());
		return this;
	}

	public ColumnArrays<T> integer(String name, Function<T, Integer> column) {
		update.bindArray(name, Integer.class, rows.stream().map(column).toList());
		return this;
	}

	public ColumnArrays<T> bool(String name, Function<T, Boolean> column) {
		update.bindArray(name, Boolean.class, rows.stream().map(column).toList());
		return this;
	}

	public int execute() {
		return update.execute();
	}
}
