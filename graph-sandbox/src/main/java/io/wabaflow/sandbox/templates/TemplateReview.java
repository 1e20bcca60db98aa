package io.wabaflow.sandbox.templates;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Generation;
import io.wabaflow.sandbox.runtime.Resettable;
import io.wabaflow.sandbox.runtime.SandboxProperties;

/**
 * Meta's review of a new template: it stays PENDING for {@code sandbox.templates.review-delay}, then becomes
 * APPROVED with a {@code message_template_status_update} webhook. The scenario may make review manual, so that a
 * test can watch a PENDING template and decide its fate itself ({@link TemplateChanges}); reset makes it
 * automatic again.
 */
@Component
public class TemplateReview implements Resettable {

	private final Templates templates;
	private final TemplateWebhooks webhooks;
	private final ScheduledExecutorService scheduler;
	private final Generation generation;
	private final Duration delay;
	private volatile boolean manual;

	TemplateReview(Templates templates, TemplateWebhooks webhooks, ScheduledExecutorService sandboxScheduler,
			Generation generation, SandboxProperties properties) {
		this.templates = templates;
		this.webhooks = webhooks;
		this.scheduler = sandboxScheduler;
		this.generation = generation;
		this.delay = properties.templates().reviewDelay();
	}

	@Override
	public void reset() {
		manual = false;
	}

	public boolean manual() {
		return manual;
	}

	/** Templates submitted while review was manual stay PENDING when it becomes automatic again. */
	public void manual(boolean reviewedByHand) {
		manual = reviewedByHand;
	}

	public Duration delay() {
		return delay;
	}

	void submitted(Template template) {
		if (manual) {
			return;
		}
		long scheduledIn = generation.current();
		scheduler.schedule(() -> {
			// a reset in between re-seeds ids: the same id may name another template by now
			if (generation.isCurrent(scheduledIn)) {
				approve(template.id());
			}
		}, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Only a template still PENDING: it may have been deleted, or the scenario decided first. */
	private void approve(String id) {
		templates.update(id, t -> t.status().equals("PENDING") ? t.withStatus("APPROVED", "NONE") : t)
				.filter(changed -> changed.before() != changed.after())
				.ifPresent(changed -> webhooks.statusUpdate(changed.after()));
	}
}
