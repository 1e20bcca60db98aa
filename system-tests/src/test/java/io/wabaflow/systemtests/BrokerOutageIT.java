package io.wabaflow.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;

/**
 * The broker away for a while: the ingress must not acknowledge a webhook it could not make durable, so it
 * answers 503, and Meta (the sandbox) redelivers, as Meta does, until the broker is back. Nothing is lost.
 */
@ExtendWith(SharedStack.class)
class BrokerOutageIT {

	@Test
	void withoutTheBrokerTheIngressAnswers503AndTheRedeliveriesArriveOnceItIsBack(SystemStack stack) {
		World world = new World(stack);
		String phone = world.subscribedNumber("broker-outage");
		Inbound before = Inbound.streaming(stack.scenario(), phone, 5, 1);
		before.awaitAllDelivered(world, Duration.ofMinutes(1));

		stack.stopBroker();
		Instant stopped = Instant.now();
		Inbound during = Inbound.streaming(stack.scenario(), phone, 20, 1, 100);
		await("the ingress refusing webhooks it cannot make durable").atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(200)).until(() -> attemptsSince(stack, phone, stopped).stream()
						.filter(attempt -> attempt.path("status").asInt() == 503).count() >= 5);
		List<JsonNode> whileDown = attemptsSince(stack, phone, stopped);
		Instant restarting = Instant.now();
		stack.startBroker();

		assertThat(whileDown).as("what the ingress answered while the broker was down")
				.allSatisfy(attempt -> assertThat(attempt.path("status").asInt()).isEqualTo(503));
		during.awaitAllDelivered(world, Duration.ofMinutes(2));
		stack.awaitSyncCaughtUp(Duration.ofMinutes(2));
		// every message projected once: the 5 from before and the 20 redelivered
		before.assertProjectedExactlyOnce(world);
		during.assertProjectedExactlyOnce(world);
		// and each delivery refused during the outage was delivered by a later attempt
		List<JsonNode> refused = deliveries(stack, phone).stream().filter(d -> d.path("attempts").valueStream()
				.anyMatch(a -> a.path("status").asInt() == 503)).toList();
		assertThat(refused).isNotEmpty().allSatisfy(d -> {
			assertThat(d.path("state").asString()).isEqualTo("DELIVERED");
			JsonNode last = d.path("attempts").path(d.path("attempts").size() - 1);
			assertThat(last.path("status").asInt()).isEqualTo(200);
			assertThat(Instant.parse(last.path("at").asString())).isAfter(restarting);
		});
		System.out.printf("Broker down %d ms: %d attempts answered 503, %d deliveries redelivered%n",
				Duration.between(stopped, restarting).toMillis(), whileDown.size(), refused.size());
	}

	private static List<JsonNode> deliveries(SystemStack stack, String phone) {
		return stack.scenario().get("/deliveries?field=messages&phoneNumberId=" + phone).valueStream().toList();
	}

	/** Every attempt to deliver the number's webhooks made since then, whatever its outcome. */
	private static List<JsonNode> attemptsSince(SystemStack stack, String phone, Instant since) {
		return deliveries(stack, phone).stream().flatMap(d -> d.path("attempts").valueStream())
				.filter(a -> Instant.parse(a.path("at").asString()).isAfter(since)).toList();
	}
}
