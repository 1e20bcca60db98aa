package io.wabaflow.ingress.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class PreferWaitTest {

	static final Duration MAX = Duration.ofSeconds(30);

	@Test
	void theWaitPreferenceIsFoundAmongOthersAndCapped() {
		assertThat(PreferWait.of(List.of("wait=10"), MAX)).isEqualTo(Duration.ofSeconds(10));
		assertThat(PreferWait.of(List.of("respond-async", " Wait = 5 "), MAX)).isEqualTo(Duration.ofSeconds(5));
		assertThat(PreferWait.of(List.of("respond-async, wait=7;foo=bar"), MAX)).isEqualTo(Duration.ofSeconds(7));
		assertThat(PreferWait.of(List.of("wait=\"3\""), MAX)).isEqualTo(Duration.ofSeconds(3));
		assertThat(PreferWait.of(List.of("wait=3600"), MAX)).isEqualTo(MAX);
	}

	@Test
	void noOrMalformedPreferencesMeanNoWait() {
		assertThat(PreferWait.of(null, MAX)).isZero();
		assertThat(PreferWait.of(List.of("respond-async"), MAX)).isZero();
		assertThat(PreferWait.of(List.of("wait=soon", "wait=-4", "waiting=4"), MAX)).isZero();
	}
}
