package io.wabaflow.sandbox.templates;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wabaflow.sandbox.graph.GraphErrors;
import io.wabaflow.sandbox.graph.GraphException;
import io.wabaflow.sandbox.graph.GraphParams;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /{waba_id}/message_templates}, checked as Meta checks it before review: a name of
 * lowercase letters, digits and underscores (at most 512), a language, one of the three categories, and
 * components with exactly one BODY that has text. Anything wrong is Graph error 100 naming the field.
 */
record TemplateDraft(String name, String language, String category, JsonNode components, int bodyParameters) {

	static final List<String> CATEGORIES = List.of("MARKETING", "UTILITY", "AUTHENTICATION");

	private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");
	private static final int NAME_MAX = 512;
	private static final List<String> COMPONENT_TYPES = List.of("HEADER", "BODY", "FOOTER", "BUTTONS");
	/** {{1}} as well as named parameters ({{order_id}}): a send gives one value per distinct placeholder. */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

	static TemplateDraft from(GraphParams params) {
		String name = params.required("name");
		if (name.length() > NAME_MAX || !NAME.matcher(name).matches()) {
			throw invalid("name", "must be at most " + NAME_MAX
					+ " characters of lowercase letters, digits and underscores (got \"" + name + "\")");
		}
		String language = params.required("language");
		String category = params.required("category").toUpperCase(Locale.ROOT);
		if (!CATEGORIES.contains(category)) {
			throw invalid("category", "must be one of " + CATEGORIES + " (got \"" + category + "\")");
		}
		if (!params.has("components")) {
			throw GraphErrors.missingParameter("components");
		}
		JsonNode components = params.node("components");
		String body = requireOneBody(components);
		return new TemplateDraft(name, language, category, components.deepCopy(), placeholders(body));
	}

	/** The body parameters of components the scenario registered, when they have a BODY with text. */
	static Integer bodyParameters(JsonNode components) {
		if (components == null || !components.isArray()) {
			return null;
		}
		for (JsonNode component : components) {
			if (component.path("type").asString("").equalsIgnoreCase("BODY") && component.path("text").isString()) {
				return placeholders(component.path("text").asString());
			}
		}
		return null;
	}

	static int placeholders(String text) {
		Set<String> distinct = new HashSet<>();
		Matcher matcher = PLACEHOLDER.matcher(text);
		while (matcher.find()) {
			distinct.add(matcher.group(1));
		}
		return distinct.size();
	}

	private static String requireOneBody(JsonNode components) {
		if (!components.isArray() || components.isEmpty()) {
			throw invalid("components", "must be a non-empty array");
		}
		String body = null;
		for (int i = 0; i < components.size(); i++) {
			JsonNode component = components.get(i);
			String type = component.path("type").asString("").toUpperCase(Locale.ROOT);
			if (!COMPONENT_TYPES.contains(type)) {
				throw invalid("components[" + i + "].type", "must be one of " + COMPONENT_TYPES);
			}
			if (type.equals("BODY")) {
				String text = component.path("text").asString("");
				if (body != null) {
					throw invalid("components", "must contain exactly one BODY");
				}
				if (text.isBlank()) {
					throw invalid("components[" + i + "].text", "is required for the BODY");
				}
				body = text;
			}
		}
		if (body == null) {
			throw invalid("components", "must contain exactly one BODY");
		}
		return body;
	}

	private static GraphException invalid(String field, String why) {
		return GraphErrors.withMessage(100, "(#100) Invalid parameter: " + field + " " + why,
				"Param " + field + " " + why + ".");
	}
}
