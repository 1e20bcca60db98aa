package io.wabaflow.onboarding.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.wabaflow.onboarding.flow.Flow;
import io.wabaflow.onboarding.flow.FlowState;
import io.wabaflow.onboarding.flow.Hints;
import io.wabaflow.onboarding.registry.PhoneNumberRegistry.PhoneNumber;
import io.wabaflow.schemas.registry.NumberStatus;
import io.wabaflow.schemas.registry.NumberType;

class ConnectionStatusTest {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private final Flow flow = Flow.start("ob", "cmd", "t", new Hints(null, null, null, null), new byte[] { 1 }, NOW, NOW);

	@Test
	void aRunningFlowIsConnectingAndAnEndedOneSaysHow() {
		assertThat(status(FlowState.POLLING_WABA, null, Optional.empty())).isEqualTo("connecting");
		assertThat(status(FlowState.AWAITING_WABA_CREATION, null, Optional.empty())).isEqualTo("awaiting_waba_creation");
		assertThat(status(FlowState.FAILED, null, Optional.empty())).isEqualTo("failed");
		assertThat(status(FlowState.COMPLETED, null, Optional.empty())).isEqualTo("connected_without_number");
	}

	@Test
	void aCompletedFlowFollowsTheRegistry() {
		assertThat(status(FlowState.COMPLETED, "pn", Optional.of(number(NumberStatus.ACTIVE)))).isEqualTo("connected");
		assertThat(status(FlowState.COMPLETED, "pn", Optional.of(number(NumberStatus.DISCONNECTED))))
				.isEqualTo("disconnected");
		assertThat(status(FlowState.COMPLETED, "pn", Optional.of(number(NumberStatus.OFFBOARDED)))).isEqualTo("offboarded");
	}

	private String status(FlowState state, String phone, Optional<PhoneNumber> number) {
		return OnboardingStatusController.connectionStatus(flow.toBuilder().state(state).phone(phone, null, null).build(),
				number);
	}

	private static PhoneNumber number(NumberStatus status) {
		return new PhoneNumber("pn", "t", "w", "ob", "+1", NumberType.CLOUD, status, new byte[0], NOW, NOW, null, NOW, null, null);
	}
}
