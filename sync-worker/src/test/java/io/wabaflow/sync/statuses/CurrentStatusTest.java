package io.wabaflow.sync.statuses;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CurrentStatusTest {

	private static StatusTransition at(String status, long second) {
		return new StatusTransition(status, Instant.ofEpochSecond(second), null, null, null);
	}

	@Test
	void theHighestPositiveStatusWinsWhateverTheOrder() {
		List<StatusTransition> transitions = new ArrayList<>(List.of(at("sent", 1), at("delivered", 2), at("read", 3),
				at("played", 4)));
		for (int seed = 0; seed < 20; seed++) {
			Collections.shuffle(transitions, new Random(seed));
			assertThat(CurrentStatus.of(transitions)).isEqualTo("played");
			assertThat(CurrentStatus.of(transitions.subList(0, 1))).isEqualTo(transitions.get(0).status());
		}
	}

	@Test
	void readWithoutDeliveredIsRead() {
		assertThat(CurrentStatus.of(List.of(at("read", 5), at("sent", 1)))).isEqualTo("read");
	}

	@Test
	void failedWinsUnlessAPositiveStatusCameAfterIt() {
		assertThat(CurrentStatus.of(List.of(at("sent", 1), at("failed", 2)))).isEqualTo("failed");
		assertThat(CurrentStatus.of(List.of(at("failed", 2), at("delivered", 3)))).isEqualTo("delivered");
		assertThat(CurrentStatus.of(List.of(at("failed", 2)))).isEqualTo("failed");
	}

	@Test
	void unknownStatusesNeverBecomeCurrent() {
		assertThat(CurrentStatus.of(List.of(at("deleted", 9)))).isNull();
		assertThat(CurrentStatus.of(List.of(at("warning", 9), at("sent", 1)))).isEqualTo("sent");
		assertThat(CurrentStatus.of(List.of())).isNull();
	}
}
