package io.wabaflow.sender.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.send.SendMessage;
import io.wabaflow.sender.send.SendState;
import tools.jackson.databind.JsonNode;

/**
 * Per-number rates. "Never above N in any second" is checked over every sliding one-second window (a
 * calendar-second count would miss a burst straddling two seconds), on two clocks:
 * <ul>
 * <li>the worker's: when each call left (the dispatcher's {@code beforeCall} seam, {@code System.nanoTime}).
 * This is the sender's promise, and it must hold exactly;</li>
 * <li>the sandbox's: its call log stamps each call when the sandbox has finished handling it. Those stamps
 * carry the sandbox's own processing jitter on this 2-core machine (a request held up 100 ms in the
 * sandbox gets stamped together with the next ones), so they can show a few more in a second than left
 * the worker; they are printed, and the independent checks there are that the sandbox, which enforces the
 * same rate, never answered 130429, and that the average rate stays under the limit.</li>
 * </ul>
 */
class ThroughputIT extends SenderScenario {

	@Test
	void aNumberAt50PerSecondNeverExceeds50InAnySecondWhileAnotherNumbersMessagesFlow() {
		TestNumber limited = cloudNumber(50);
		TestNumber other = cloudNumber(null); // 80/s, Meta's default
		List<String> users = users(50);
		List<ProducerRecord<String, SpecificRecord>> records = new ArrayList<>();
		List<SendMessage> limitedCommands = new ArrayList<>();
		List<SendMessage> otherCommands = new ArrayList<>();
		for (int i = 0; i < 250; i++) {
			limitedCommands.add(template(limited.phoneNumberId(), users.get(i % users.size())));
		}
		for (int i = 0; i < 100; i++) {
			otherCommands.add(template(other.phoneNumberId(), users.get(i % users.size())));
		}
		// both numbers' commands on ONE partition, the limited one's first: the other must not queue behind
		limitedCommands.forEach(c -> records.add(onPartitionZero(c)));
		otherCommands.forEach(c -> records.add(onPartitionZero(c)));

		produceAll(records);

		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
				.until(() -> sent(limited.phoneNumberId()) == limitedCommands.size());
		List<Instant> limitedArrivals = arrivals(limited.phoneNumberId());
		List<Instant> otherArrivals = arrivals(other.phoneNumberId());
		assertThat(limitedArrivals).hasSize(250);
		assertThat(otherArrivals).hasSize(100);

		int busiestSecond = maxInAnySecond(limitedArrivals);
		int busiestDepartures = maxInAnySecondNanos(departures.of(limited.phoneNumberId()));
		double limitedSeconds = seconds(limitedArrivals);
		double otherSeconds = seconds(otherArrivals);
		System.out.printf("50/s number: busiest sliding second of departures from the worker %d%n", busiestDepartures);
		System.out.printf("50/s number: 250 sends in %.2f s (%.1f/s), busiest sliding second %d; "
				+ "80/s number on the same partition: 100 sends in %.2f s (%.1f/s), busiest second %d, done %.2f s "
				+ "before the limited number%n", limitedSeconds, 249 / limitedSeconds, busiestSecond, otherSeconds,
				99 / otherSeconds, maxInAnySecond(otherArrivals),
				Duration.between(otherArrivals.get(99), limitedArrivals.get(249)).toMillis() / 1000.0);

		assertThat(busiestDepartures).isLessThanOrEqualTo(50);
		assertThat(maxInAnySecondNanos(departures.of(other.phoneNumberId()))).isLessThanOrEqualTo(80);
		assertThat(249 / limitedSeconds).as("average rate at the sandbox").isLessThanOrEqualTo(50.0);
		assertThat(limitedSeconds).as("250 at 50/s take about 5 s").isGreaterThan(4.5);
		// the other number's commands were queued behind the limited one's on the same partition, yet it did not
		// wait for them: it started with them and was done seconds before (absolute times vary with the load
		// of this shared 2-core machine, so the proof is relative)
		// (a head-of-line blocked number would start only after the limited one's 5 s; 3 s leaves room for a
		// machine loaded by other builds, seen to delay the start by up to 1.9 s)
		assertThat(Duration.between(limitedArrivals.get(0), otherArrivals.get(0)).toMillis()).isLessThan(3000);
		assertThat(otherArrivals.get(99)).isBefore(limitedArrivals.get(249).minusSeconds(2));
		// and nothing was throttled by the sandbox, which enforces the same rates
		assertThat(messageCalls(limited.phoneNumberId())).allSatisfy(call -> assertThat(call.path("status").asInt())
				.isEqualTo(200));
		assertThat(messageCalls(other.phoneNumberId())).allSatisfy(call -> assertThat(call.path("status").asInt())
				.isEqualTo(200));
		for (SendMessage command : otherCommands) {
			assertThat(store.find(command.getCommandId()).orElseThrow().state()).isEqualTo(SendState.SENT);
		}
	}

	@Test
	void aCoexistenceNumberIsPacedAtMetasFixed20PerSecondWithoutConfiguration() {
		TestNumber coexistence = coexistenceNumber(); // registered with no rate: the sender's default for its kind
		List<String> users = users(10);
		List<SendMessage> commands = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			commands.add(template(coexistence.phoneNumberId(), users.get(i % users.size())));
		}
		send(commands.toArray(SendMessage[]::new));

		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
				.until(() -> sent(coexistence.phoneNumberId()) == commands.size());
		List<Instant> arrivals = arrivals(coexistence.phoneNumberId());
		int busiestDepartures = maxInAnySecondNanos(departures.of(coexistence.phoneNumberId()));
		System.out.printf("coexistence number: 60 sends in %.2f s, busiest sliding second of departures %d%n",
				seconds(arrivals), busiestDepartures);
		assertThat(busiestDepartures).isLessThanOrEqualTo(20);
		assertThat(seconds(arrivals)).as("60 at 20/s take about 2 s after the first").isGreaterThan(2.5);
		assertThat(messageCalls(coexistence.phoneNumberId())).allSatisfy(call -> assertThat(call.path("status").asInt())
				.isEqualTo(200));
	}

	@Test
	void oneWorkerDrivesANumberAtMetasTopTier() {
		TestNumber topTier = cloudNumber(1000);
		List<String> users = users(200); // 20 messages per user stay inside the pair-rate burst of 45
		List<ProducerRecord<String, SpecificRecord>> records = new ArrayList<>();
		int count = 4000;
		for (int i = 0; i < count; i++) {
			SendMessage command = template(topTier.phoneNumberId(), users.get(i % users.size()));
			records.add(new ProducerRecord<>(Topics.SEND_COMMANDS.name(), command.getPhoneNumberId(), command));
		}
		// 5000 sends make 15000 status webhooks; nobody listens to them here, so the sandbox drops them
		// instead of spending this 2-core machine on signing and posting them
		SCENARIO.callbackUrl("");
		double wall;
		try {
			long start = System.nanoTime();
			produceAll(records);
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(1000))
					.until(() -> sent(topTier.phoneNumberId()) == count);
			wall = (System.nanoTime() - start) / 1e9;
		}
		finally {
			SCENARIO.callbackUrl(WEBHOOKS.url());
		}
		List<Instant> arrivals = arrivals(topTier.phoneNumberId());
		double seconds = seconds(arrivals);
		int busiest = maxInAnySecond(arrivals);
		int busiestDepartures = maxInAnySecondNanos(departures.of(topTier.phoneNumberId()));
		System.out.printf("1000/s number: %d sends accepted by the sandbox in %.2f s (%.0f/s between first and last "
				+ "arrival; %.2f s from the first produce), busiest sliding second %d at the sandbox, %d leaving the "
				+ "worker%n", count, seconds, (count - 1) / seconds, wall, busiest, busiestDepartures);

		assertThat(arrivals).hasSize(count);
		assertThat(busiestDepartures).isLessThanOrEqualTo(1000);
		assertThat(messageCalls(topTier.phoneNumberId())).allSatisfy(call -> assertThat(call.path("status").asInt())
				.isEqualTo(200));
		// No speed assertion: on this machine the sandbox, the broker, PostgreSQL, the worker and the test share
		// two cores (the sandbox alone answers ~800 calls/s here), and other builds may share them too. The
		// figures are printed; see the README.
	}

	/** Sends of the number the worker recorded as SENT (cheap to poll, unlike the sandbox's message list). */
	private long sent(String phone) {
		return jdbi.withHandle(handle -> handle.createQuery(
				"SELECT count(*) FROM sends WHERE phone_number_id = :pn AND state = 'SENT'").bind("pn", phone)
				.mapTo(Long.class).one());
	}

	private static ProducerRecord<String, SpecificRecord> onPartitionZero(SendMessage command) {
		return new ProducerRecord<>(Topics.SEND_COMMANDS.name(), 0, command.getPhoneNumberId(), command);
	}

	private static List<String> users(int count) {
		List<String> users = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			users.add(newUser());
		}
		return users;
	}

	/** When the sandbox answered each of the number's message calls, in order. */
	private static List<Instant> arrivals(String phone) {
		List<Instant> at = new ArrayList<>();
		for (JsonNode call : messageCalls(phone)) {
			at.add(Instant.parse(call.path("at").asString()));
		}
		at.sort(null);
		return at;
	}

	/** The most arrivals in any window [t, t + 1 s). */
	static int maxInAnySecond(List<Instant> sorted) {
		int max = 0;
		int first = 0;
		for (int last = 0; last < sorted.size(); last++) {
			while (!sorted.get(first).plusSeconds(1).isAfter(sorted.get(last))) {
				first++;
			}
			max = Math.max(max, last - first + 1);
		}
		return max;
	}

	/** The same over System.nanoTime stamps. */
	static int maxInAnySecondNanos(List<Long> sorted) {
		int max = 0;
		int first = 0;
		for (int last = 0; last < sorted.size(); last++) {
			while (sorted.get(first) + 1_000_000_000L <= sorted.get(last)) {
				first++;
			}
			max = Math.max(max, last - first + 1);
		}
		return max;
	}

	private static double seconds(List<Instant> sorted) {
		return Duration.between(sorted.get(0), sorted.get(sorted.size() - 1)).toNanos() / 1e9;
	}
}
