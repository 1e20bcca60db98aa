package io.wabaflow.sandbox.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.runtime.SandboxProperties;
import io.wabaflow.sandbox.runtime.SandboxRandom;

/** Retry backoff and delivery chaos, without HTTP. */
class DeliveryRulesTest {

	private static final SandboxProperties.Webhooks SETTINGS = new SandboxProperties.Webhooks(Duration.ofSeconds(1),
			2.0, Duration.ofSeconds(30), 15, Duration.ofSeconds(5), 2, 100, true, false, Duration.ofSeconds(2),
			Duration.ofMillis(50), 1);

	@Test
	void backoffDoublesFromTheInitialDelayUpToTheCap() {
		assertThat(List.of(1, 2, 3, 4, 5, 6, 7).stream().map(n -> WebhookDispatcher.backoff(SETTINGS, n).toSeconds()))
				.containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
	}

	@Test
	void reorderHoldsTheBatchAndReleasesItReversed() {
		DeliveryChaos chaos = new DeliveryChaos(new SandboxRandom(1));
		chaos.add(ChaosRule.Effect.REORDER, null, 3, null, null, null);
		List<Delivery> batch = List.of(delivery("a", "messages"), delivery("b", "messages"), delivery("c", "messages"));

		assertThat(chaos.decide(batch.get(0)).orElseThrow().release()).isEmpty();
		assertThat(chaos.decide(batch.get(1)).orElseThrow().release()).isEmpty();
		List<Delivery> released = chaos.decide(batch.get(2)).orElseThrow().release();

		assertThat(released).extracting(d -> d.id).containsExactly("c", "b", "a");
		assertThat(chaos.decide(delivery("d", "messages"))).as("the rule is spent").isEmpty();
	}

	@Test
	void aShuffledBatchNeverComesOutInItsOriginalOrder() {
		for (long seed = 0; seed < 20; seed++) {
			DeliveryChaos chaos = new DeliveryChaos(new SandboxRandom(seed));
			chaos.add(ChaosRule.Effect.REORDER, null, 2, null, null, ChaosRule.Order.SHUFFLE);
			chaos.decide(delivery("a", "messages"));
			assertThat(chaos.decide(delivery("b", "messages")).orElseThrow().release()).extracting(d -> d.id)
					.containsExactly("b", "a");
		}
	}

	@Test
	void rulesApplyToTheirFieldAndCountOnly() {
		DeliveryChaos chaos = new DeliveryChaos(new SandboxRandom(1));
		chaos.add(ChaosRule.Effect.DUPLICATE, "history", 2, null, null, null);

		assertThat(chaos.decide(delivery("m", "messages"))).isEmpty();
		assertThat(chaos.decide(delivery("h1", "history"))).map(d -> d.effect()).contains(ChaosRule.Effect.DUPLICATE);
		assertThat(chaos.decide(delivery("h2", "history"))).isPresent();
		assertThat(chaos.decide(delivery("h3", "history"))).isEmpty();
	}

	@Test
	void aProbabilisticRuleIsRepeatableWithTheSameSeed() {
		assertThat(pattern(7)).isEqualTo(pattern(7));
		assertThat(pattern(7)).contains(true, false);
	}

	@Test
	void reorderNeedsAtLeastTwoDeliveries() {
		DeliveryChaos chaos = new DeliveryChaos(new SandboxRandom(1));
		assertThatThrownBy(() -> chaos.add(ChaosRule.Effect.REORDER, null, 1, null, null, null))
				.isInstanceOf(IllegalArgumentException.class);
	}

	private static List<Boolean> pattern(long seed) {
		DeliveryChaos chaos = new DeliveryChaos(new SandboxRandom(seed));
		chaos.add(ChaosRule.Effect.DELAY, null, -1, 0.5, Duration.ofSeconds(1), null);
		List<Boolean> affected = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			Optional<DeliveryChaos.Decision> decision = chaos.decide(delivery("d" + i, "messages"));
			affected.add(decision.isPresent());
		}
		return affected;
	}

	private static Delivery delivery(String id, String field) {
		return new Delivery(id, 0, Instant.EPOCH, new Webhook(field, "1", "2", Json.object()), "http://x", "{}",
				"sha256=0", null, 0, Delivery.State.SCHEDULED);
	}
}
