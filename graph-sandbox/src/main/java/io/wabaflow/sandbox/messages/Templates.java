package io.wabaflow.sandbox.messages;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.graph.GraphErrors;
import io.wabaflow.sandbox.runtime.Resettable;

/**
 * Message templates. Kept simple on purpose: any name and language is accepted as an approved {@code utility}
 * template unless the scenario registered it otherwise (or strict templates are on: {@code sandbox.messaging.strict-templates}, or the scenario's messaging rules):
 * {@code MISSING}/{@code PENDING}/{@code REJECTED} → 132001, {@code PAUSED} → 132015, {@code DISABLED} → 132016,
 * and a registered {@code bodyParameters} count that the send does not match → 132000.
 */
@Component
public class Templates implements Resettable {

	public record Template(String name, String language, String status, String category, Integer bodyParameters) {
	}

	private final MessagingRules rules;
	private final Map<String, Template> templates = new ConcurrentHashMap<>();

	Templates(MessagingRules rules) {
		this.rules = rules;
	}

	@Override
	public void reset() {
		templates.clear();
	}

	public Template put(String name, String language, String status, String category, Integer bodyParameters) {
		Template template = new Template(name, language == null ? "en_US" : language,
				status == null ? "APPROVED" : status.toUpperCase(Locale.ROOT),
				category == null ? "utility" : category.toLowerCase(Locale.ROOT), bodyParameters);
		templates.put(key(template.name(), template.language()), template);
		return template;
	}

	public List<Template> all() {
		return List.copyOf(templates.values());
	}

	/** The template's category (for pricing), or the Graph error a send of it gets. */
	String check(String name, String language, int bodyParameters) {
		Template template = templates.get(key(name, language));
		if (template == null) {
			if (rules.rules().strictTemplates()) {
				throw GraphErrors.of(132001, "template name (" + name + ") does not exist in " + language);
			}
			return "utility";
		}
		switch (template.status()) {
			case "APPROVED" -> {
			}
			case "PAUSED" -> throw GraphErrors.of(132015);
			case "DISABLED" -> throw GraphErrors.of(132016);
			default -> throw GraphErrors.of(132001, "template name (" + name + ") does not exist in " + language);
		}
		if (template.bodyParameters() != null && template.bodyParameters() != bodyParameters) {
			throw GraphErrors.of(132000, "body: number of localizable_params (" + bodyParameters
					+ ") does not match the expected number of params (" + template.bodyParameters() + ")");
		}
		return template.category();
	}

	private static String key(String name, String language) {
		return name + "|" + language;
	}
}
