package io.wabaflow.onboarding.polling;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.wabaflow.onboarding.flow.StepRunner;
import io.wabaflow.platform.kafka.AsyncRecordSettler;
import io.wabaflow.platform.kafka.PoisonRecordException;
import io.wabaflow.schemas.ConsumerGroups;
import io.wabaflow.schemas.onboarding.OnboardingContinuation;

/**
 * The delay tiers' listener: waits (partition paused) until the head continuation's not-before time, then either
 * runs its step or, when the delay needs another hop, writes it to the next tier. Returns at once with a future;
 * the offset is committed when that future completes (out-of-order commits).
 */
@Component
class DelayedStepListener {

	static final String ID = "onboarding-delays";

	private final DelayGate gate;

	private final StepRunner runner;

	private final Continuations continuations;

	private final KafkaTemplate<String, Object> template;

	private final ListenerTimings timings;

	private final AsyncRecordSettler settler;

	private final Clock clock;

	DelayedStepListener(DelayGate gate, StepRunner runner, Continuations continuations,
			KafkaTemplate<String, Object> template, ListenerTimings timings, AsyncRecordSettler settler, Clock clock) {
		this.gate = gate;
		this.runner = runner;
		this.continuations = continuations;
		this.template = template;
		this.timings = timings;
		this.settler = settler;
		this.clock = clock;
	}

	@KafkaListener(id = ID,
			groupId = "${wabaflow.onboarding.group-prefix:" + ConsumerGroups.ONBOARDING + "}-delays",
			topics = { "#{T(io.wabaflow.schemas.Topics).ONBOARDING_STEPS_DELAY_SHORT.name()}",
					"#{T(io.wabaflow.schemas.Topics).ONBOARDING_STEPS_DELAY_POLL.name()}",
					"#{T(io.wabaflow.schemas.Topics).ONBOARDING_STEPS_DELAY_LONG.name()}" },
			containerFactory = StepsKafkaConfiguration.FACTORY,
			concurrency = "${wabaflow.onboarding.concurrency.delays:2}")
	CompletableFuture<Void> on(ConsumerRecord<String, Object> record) {
		long started = System.nanoTime();
		try {
			if (!(record.value() instanceof OnboardingContinuation continuation)) {
				return settler.settle(record, () -> {
					throw new PoisonRecordException("Not an OnboardingContinuation: "
							+ (record.value() == null ? "null" : record.value().getClass().getSimpleName()));
				});
			}
			// not due yet: thrown to the container, which reads the record again when the partition resumes
			gate.await(ID, record, continuation.getNotBefore());
			return settler.settle(record, () -> due(continuation));
		}
		finally {
			timings.record(System.nanoTime() - started);
		}
	}

	private CompletableFuture<Void> due(OnboardingContinuation continuation) {
		Instant now = clock.instant();
		if (continuation.getDueAt().isAfter(now)) {
			// a long delay: on to the next tier for what is left
			return template.send(continuations.record(continuation.getOnboardingId(), continuation.getTenantId(),
					continuation.getVersion(), continuation.getStep(), continuation.getAttempt(),
					continuation.getDueAt(), now)).thenApply(sent -> null);
		}
		return runner.run(continuation);
	}
}
