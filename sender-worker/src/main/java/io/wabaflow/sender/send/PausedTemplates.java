package io.wabaflow.sender.send;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.wabaflow.sender.registry.NumberRegistry;
import io.wabaflow.sender.registry.RegisteredNumber;
import io.wabaflow.sender.template.TemplateChecks;
import io.wabaflow.sender.template.TemplateProperties;
import io.wabaflow.sender.template.TemplateRefusal;

/**
 * {@code when-paused: wait}: a send of a template Meta paused waits, pending with reason {@code TEMPLATE_PAUSED}, and
 * looks at its template again every {@code paused-recheck}: lifted, it goes out; still paused, it waits on, up to
 * {@code paused-max-wait} after it arrived, and is then rejected; refused for another reason meanwhile (disabled,
 * deleted), it is rejected with that reason.
 */
final class PausedTemplates {

	/** What a waiting send does next. */
	record Next(boolean send, boolean hold, Rejection rejection) {
	}

	private final TemplateChecks checks;

	private final NumberRegistry registry;

	private final TemplateProperties properties;

	PausedTemplates(TemplateChecks checks, NumberRegistry registry, TemplateProperties properties) {
		this.checks = checks;
		this.registry = registry;
		this.properties = properties;
	}

	/** Whether a paused template's sends wait ({@code when-paused: wait}). */
	boolean holds() {
		return properties.waitWhenPaused();
	}

	boolean waiting(Send row) {
		return properties.waitWhenPaused() && row.state() == SendState.PENDING
				&& TemplateRefusal.TEMPLATE_PAUSED.equals(row.reason());
	}

	/** When a waiting send looks again. */
	Instant nextLook(Instant now) {
		return now.plus(properties.pausedRecheck());
	}

	Next next(Send row, Instant now) {
		String wabaId = registry.find(row.phoneNumberId()).map(RegisteredNumber::wabaId).orElse(null);
		Optional<TemplateRefusal> refusal = checks.check(List.of(new TemplateChecks.TemplateSend(row.phoneNumberId(),
				wabaId, Recipients.key(row.recipient()), Recipients.isBsuid(row.recipient()), row.contentJson())), now)
				.get(0);
		if (refusal.isEmpty()) {
			return new Next(true, false, null);
		}
		if (!TemplateRefusal.TEMPLATE_PAUSED.equals(refusal.get().reason())) {
			return new Next(false, false, new Rejection(refusal.get().reason(), refusal.get().details()));
		}
		if (now.isBefore(row.receivedAt().plus(properties.pausedMaxWait()))) {
			return new Next(false, true, null);
		}
		return new Next(false, false, new Rejection(TemplateRefusal.TEMPLATE_PAUSED, refusal.get().details()
				+ " Waited " + properties.pausedMaxWait() + " (paused-max-wait) without Meta lifting the pause."));
	}
}
