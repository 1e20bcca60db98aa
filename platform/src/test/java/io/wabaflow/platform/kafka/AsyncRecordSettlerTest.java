package io.wabaflow.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

/**
 * A listener's future completes only when its record is settled, and never exceptionally: an outage is waited out,
 * another failure is retried and then dead-lettered, a poison record is dead-lettered at once.
 */
class AsyncRecordSettlerTest {

	private final ConsumerRecord<String, String> record = new ConsumerRecord<>("wabaflow.commands.onboarding.v1", 3, 7L,
			"tenant-a", "value");

	private final List<Exception> deadLettered = new CopyOnWriteArrayList<>();

	private final AtomicInteger deadLetterRefusals = new AtomicInteger();

	private final SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();

	private final AsyncRecordSettler settler = new AsyncRecordSettler((failed, exception) -> {
		if (deadLetterRefusals.getAndDecrement() > 0) {
			throw new IllegalStateException("the broker did not acknowledge the dead letter");
		}
		deadLettered.add(exception);
	}, scheduler, properties());

	private final AtomicInteger attempts = new AtomicInteger();

	@AfterEach
	void stop() {
		scheduler.close();
	}

	@Test
	void aDatabaseOutageIsWaitedOutFarBeyondTheRetriesAndNeverDeadLettered() {
		CompletableFuture<Void> settled = settler.settle(record, () -> attempts.incrementAndGet() <= 10
				? CompletableFuture.failedFuture(new IllegalStateException("Jdbi",
						new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))
				: CompletableFuture.completedFuture(null));

		await().atMost(Duration.ofSeconds(10)).until(settled::isDone);
		assertThat(settled).isCompleted();
		assertThat(attempts).hasValue(11);
		assertThat(deadLettered).isEmpty();
	}

	@Test
	void anotherFailureIsRetriedThenDeadLetteredAndTheFutureStillCompletesNormally() {
		CompletableFuture<Void> settled = settler.settle(record, () -> {
			attempts.incrementAndGet();
			return CompletableFuture.failedFuture(new IllegalArgumentException("column x does not exist"));
		});

		await().atMost(Duration.ofSeconds(10)).until(settled::isDone);
		assertThat(settled).isCompleted();
		assertThat(attempts).as("the first attempt and three retries").hasValue(4);
		assertThat(deadLettered).singleElement().satisfies(e -> assertThat(e).hasMessage("column x does not exist"));
	}

	@Test
	void aPoisonRecordThrownBeforeAnyFutureIsDeadLetteredAtOnce() {
		CompletableFuture<Void> settled = settler.settle(record, () -> {
			attempts.incrementAndGet();
			throw new PoisonRecordException("Not an OnboardingCommand");
		});

		await().atMost(Duration.ofSeconds(10)).until(settled::isDone);
		assertThat(attempts).hasValue(1);
		assertThat(deadLettered).singleElement().isInstanceOf(PoisonRecordException.class);
	}

	@Test
	void aDeadLetterTheBrokerDidNotAcknowledgeIsPublishedAgainNotDropped() {
		deadLetterRefusals.set(2);
		CompletableFuture<Void> settled = settler.settle(record,
				() -> CompletableFuture.failedFuture(new PoisonRecordException("undecodable")));

		await().atMost(Duration.ofSeconds(10)).until(settled::isDone);
		assertThat(deadLettered).hasSize(1);
		assertThat(deadLetterRefusals.get()).isNegative();
	}

	@Test
	void theBackOffGrowsToItsLongestInterval() {
		assertThat(settler.backOff(1)).isEqualTo(Duration.ofMillis(10));
		assertThat(settler.backOff(3)).isEqualTo(Duration.ofMillis(40));
		assertThat(settler.backOff(40)).isEqualTo(Duration.ofMillis(100));
	}

	private static WabaflowKafkaProperties properties() {
		WabaflowKafkaProperties properties = new WabaflowKafkaProperties();
		properties.setRetryInitialInterval(Duration.ofMillis(10));
		properties.setRetryMaxInterval(Duration.ofMillis(100));
		return properties;
	}
}
