package io.wabaflow.sync.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class KeyedRoundsTest {

	@Test
	void eachKeyOccursAtMostOncePerRoundAndRoundsAreSortedByKey() {
		List<List<String>> rounds = KeyedRounds.split(List.of("b1", "a1", "b2", "c1", "b3", "a2"),
				s -> s.substring(0, 1));

		assertThat(rounds).containsExactly(List.of("a1", "b1", "c1"), List.of("a2", "b2"), List.of("b3"));
	}

	@Test
	void noRowsNoRounds() {
		assertThat(KeyedRounds.split(List.<String>of(), s -> s)).isEmpty();
	}
}
