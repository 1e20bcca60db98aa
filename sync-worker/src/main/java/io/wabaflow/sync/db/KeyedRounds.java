package io.wabaflow.sync.db;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Splits a batch of rows into rounds in which each key occurs at most once.
 *
 * <p>PostgreSQL refuses an {@code INSERT ... ON CONFLICT DO UPDATE} that touches the same row twice
 * ("command cannot affect row a second time"), and a batch may well carry the same message twice (Meta
 * redelivered it, or a history chunk repeats it). Rather than merging duplicates in Java (a second copy
 * of the SQL merge rules to keep in step), each round is a separate statement and the SQL rules merge
 * them: in the usual batch there are no duplicates and there is one round. Rows are sorted by key
 * within a round so that concurrent transactions lock rows in the same order.
 */
public final class KeyedRounds {

	private KeyedRounds() {
	}

	public static <T, K extends Comparable<K>> List<List<T>> split(List<T> rows, Function<T, K> key) {
		List<List<T>> rounds = new ArrayList<>();
		Map<K, Integer> seen = new HashMap<>();
		for (T row : rows) {
			int round = seen.merge(key.apply(row), 0, (previous, zero) -> previous + 1);
			while (rounds.size() <= round) {
				rounds.add(new ArrayList<>());
			}
			rounds.get(round).add(row);
		}
		Comparator<T> byKey = Comparator.comparing(key);
		rounds.forEach(round -> round.sort(byKey));
		return rounds;
	}
}
