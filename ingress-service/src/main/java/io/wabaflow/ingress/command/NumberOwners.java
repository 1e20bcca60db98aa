package io.wabaflow.ingress.command;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.wabaflow.platform.kafka.CompactedTopicView;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;

/**
 * Which tenant owns each number, from the compacted registry {@code wabaflow.phone-numbers.v1}, held in
 * memory (the ingress has no database). A number stays its tenant's after offboarding: another tenant must
 * never reach it. The view may lag the registry by a poll, so "not known" is not a refusal: the worker,
 * which owns the decision, rejects an unknown number.
 */
final class NumberOwners implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NumberOwners.class);

	private final Map<String, String> owners = new ConcurrentHashMap<>();

	private final CompactedTopicView<PhoneNumberRegistration> view;

	private volatile boolean running;

	NumberOwners(String bootstrapServers, Map<String, Object> consumerConfig) {
		this.view = new CompactedTopicView<>(Topics.PHONE_NUMBERS, PhoneNumberRegistration.class, bootstrapServers,
				consumerConfig, this::apply);
	}

	void apply(String phoneNumberId, PhoneNumberRegistration registration) {
		if (registration == null) {
			owners.remove(phoneNumberId);
		}
		else {
			owners.put(phoneNumberId, registration.getTenantId());
		}
	}

	/** The tenant that owns the number, if the registry has it. */
	Optional<String> owner(String phoneNumberId) {
		return Optional.ofNullable(owners.get(phoneNumberId));
	}

	/** Reads the registry as it is before the web server opens (bounded: a slow broker only delays the 404s). */
	@Override
	public void start() {
		view.start();
		running = true;
		try {
			if (!view.awaitCaughtUp(Duration.ofSeconds(30))) {
				log.warn("The registry of numbers was not read within 30 s; the workers still refuse other tenants' numbers");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public int getPhase() {
		return DEFAULT_PHASE - 2048; // before the web server
	}

	@Override
	public void stop() {
		running = false;
		view.close();
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
