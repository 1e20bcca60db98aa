package io.wabaflow.onboarding.flow;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.wabaflow.onboarding.polling.ListenerTimings;
import io.wabaflow.platform.kafka.AsyncRecordSettler;
import io.wabaflow.platform.kafka.PoisonRecordException;
import io.wabaflow.schemas.ConsumerGroups;
import io.wabaflow.schemas.onboarding.OnboardingContinuation;

/**
 * The listener of continuations that are due now. It hands each one to the {@link StepRunner} and returns the
 * future: the consumer thread is back to polling at once, and the offset is committed when the step is durable.
 */
@Component
class StepListener {

	static final String ID = "onboarding-steps";

	private final StepRunner runner;

	private final ListenerTimings timings;

	private final AsyncRecordSettler settler;

	StepListener(StepRunner runner, ListenerTimings timings, AsyncRecordSettler settler) {
		this.runner = runner;
		this.timings = timings;
		this.settler = settler;
	}

	@KafkaListener(id = ID,
			groupId = "${wabaflow.onboarding.group-prefix:" + ConsumerGroups.ONBOARDING + "}-steps",
			topics = "#{T(io.wabaflow.schemas.Topics).ONBOARDING_STEPS.name()}",
			containerFactory = "onboardingAsyncContainerFactory",
			concurrency = "${wabaflow.onboarding.concurrency.steps:3}")
	CompletableFuture<Void> on(ConsumerRecord<String, Object> record) {
		return settler.settle(record, () -> handle(record));
	}

	private CompletableFuture<Void> handle(ConsumerRecord<String, Object> record) {
		Object value = record.value();
		long started = System.nanoTime();
		try {
			if (!(value instanceof OnboardingContinuation continuation)) {
				throw new PoisonRecordException("Not an OnboardingContinuation: "
						+ (value == null ? "null" : value.getClass().getSimpleName()));
			}
			return runner.run(continuation);
		}
		finally {
			timings.record(System.nanoTime() - started);
		}
	}
}
