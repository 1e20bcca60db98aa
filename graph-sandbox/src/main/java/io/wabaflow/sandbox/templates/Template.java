package io.wabaflow.sandbox.templates;

import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * One message template: a name in one language, of one WABA ({@code wabaId} null for a template the scenario
 * registered for every WABA). {@code category} and {@code status} are Meta's upper-case values;
 * {@code bodyParameters} is how many body parameters a send must give (null: not checked); {@code components} is
 * the creation body's array as given (null when the scenario registered none).
 */
public record Template(String id, String wabaId, String name, String language, String status, String reason,
		String category, String qualityScore, Integer bodyParameters, JsonNode components) {

	Template withStatus(String newStatus, String newReason) {
		return new Template(id, wabaId, name, language, newStatus, newReason, category, qualityScore, bodyParameters,
				components);
	}

	Template withQualityScore(String score) {
		return new Template(id, wabaId, name, language, status, reason, category, score, bodyParameters, components);
	}

	Template withCategory(String newCategory) {
		return new Template(id, wabaId, name, language, status, reason, newCategory, qualityScore, bodyParameters,
				components);
	}

	boolean is(String otherWabaId, String otherName, String otherLanguage) {
		return Objects.equals(wabaId, otherWabaId) && name.equals(otherName)
				&& language.equals(otherLanguage);
	}
}
