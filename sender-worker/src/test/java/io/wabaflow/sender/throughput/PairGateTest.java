package io.wabaflow.sender.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class PairGateTest {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final PairGate gate = new PairGate(3, Duration.ofSeconds(6), Duration.ofMillis(20), nanos::get);

	@Test
	void aBurstPassesThenOneMessagePerIntervalPlusTheAllowance() {
		for (int i = 0; i < 3; i++) {
			assertThat(gate.tryTake("pn", "5511")).isZero();
		}
		long wait = gate.tryTake("pn", "5511");
		assertThat(wait).isEqualTo(Duration.ofMillis(6_020).toNanos());
		nanos.addAndGet(wait - 1);
		assertThat(gate.tryTake("pn", "5511")).isEqualTo(1);
		nanos.addAndGet(1);
		assertThat(gate.tryTake("pn", "5511")).isZero();
		assertThat(gate.tryTake("pn", "5511")).isPositive();
	}

	@Test
	void eachUserAndEachNumberHasItsOwnQuota() {
		for (int i = 0; i < 3; i++) {
			gate.tryTake("pn", "5511");
		}
		assertThat(gate.tryTake("pn", "5511")).isPositive();
		assertThat(gate.tryTake("pn", "5522")).isZero();
		assertThat(gate.tryTake("other-pn", "5511")).isZero();
	}

	@Test
	void idlePairsAreForgottenAndMarkReadsAreNotPaced() {
		gate.tryTake("pn", "5511");
		gate.forgetIdle(nanos.get() + Duration.ofSeconds(6_020L * 3 / 1000 + 1).toNanos());
		assertThat(gate.size()).isZero();
		assertThat(gate.tryTake("pn", "")).isZero();
		assertThat(new PairGate(0, Duration.ofSeconds(6), Duration.ZERO, nanos::get).tryTake("pn", "5511")).isZero();
	}
}
