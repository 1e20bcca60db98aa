package io.wabaflow.sandbox.templates;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Choices;

/**
 * What Meta does to a template after review, on the scenario's word: a new status (paused for low quality,
 * rejected, disabled, flagged, approved again), a new quality score, a new category. Each change is stored and
 * announced with the webhook Meta sends for it. Unknown templates and values are scenario mistakes.
 */
@Component
public class TemplateChanges {

	static final List<String> STATUSES = List.of("APPROVED", "REJECTED", "PAUSED", "DISABLED", "FLAGGED");
	static final List<String> SCORES = List.of("GREEN", "YELLOW", "RED", "UNKNOWN");

	private final Templates templates;
	private final TemplateWebhooks webhooks;

	TemplateChanges(Templates templates, TemplateWebhooks webhooks) {
		this.templates = templates;
		this.webhooks = webhooks;
	}

	/** {@code reason}: Meta's reason (e.g. INVALID_FORMAT for a rejection), {@code NONE} when not given. */
	public Template status(String wabaId, String name, String language, String status, String reason) {
		String event = Choices.oneOf("status", status, STATUSES);
		Templates.Changed changed = change(wabaId, name, language,
				t -> t.withStatus(event, reason == null || reason.isBlank() ? "NONE" : reason));
		webhooks.statusUpdate(changed.after());
		return changed.after();
	}

	public Template qualityScore(String wabaId, String name, String language, String score) {
		String next = Choices.oneOf("score", score, SCORES);
		Templates.Changed changed = change(wabaId, name, language, t -> t.withQualityScore(next));
		webhooks.qualityUpdate(changed.after(), changed.before().qualityScore());
		return changed.after();
	}

	public Template category(String wabaId, String name, String language, String category) {
		String next = Choices.oneOf("category", category, TemplateDraft.CATEGORIES);
		Templates.Changed changed = change(wabaId, name, language, t -> t.withCategory(next));
		webhooks.categoryUpdate(changed.after(), changed.before().category());
		return changed.after();
	}

	private Templates.Changed change(String wabaId, String name, String language, UnaryOperator<Template> change) {
		NoSuchElementException unknown = new NoSuchElementException(
				"no template " + name + " in " + language + " in WABA " + wabaId);
		Template template = templates.find(wabaId, name, language).orElseThrow(() -> unknown);
		return templates.update(template.id(), change).orElseThrow(() -> unknown);
	}
}
