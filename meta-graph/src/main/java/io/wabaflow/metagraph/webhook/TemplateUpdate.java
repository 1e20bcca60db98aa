package io.wabaflow.metagraph.webhook;

import java.time.Instant;
import java.util.Locale;

/**
 * A change to one message template of a WABA, from {@code message_template_status_update},
 * {@code message_template_quality_update}, {@code template_category_update} or
 * {@code message_template_components_update}. Only what the change carries is set; the rest is null.
 *
 * @param language         normalised to Meta's send form ({@code en_US}): webhooks write {@code en-US}
 * @param status           the status event ({@code APPROVED}, {@code REJECTED}, {@code PAUSED}, {@code DISABLED},
 *                         {@code FLAGGED}, {@code PENDING_DELETION}, ...), status updates only
 * @param category         the category now (status updates that carry it; category updates' {@code new_category})
 * @param upcomingCategory a category Meta announced for {@code upcomingCategoryAt} ({@code correct_category})
 * @param qualityScore     {@code new_quality_score}, quality updates only
 */
public record TemplateUpdate(String field, String templateId, String name, String language, String status,
		String reason, String category, String upcomingCategory, Instant upcomingCategoryAt, String qualityScore) {

	public static final String STATUS = "message_template_status_update";

	public static final String QUALITY = "message_template_quality_update";

	public static final String CATEGORY = "template_category_update";

	public static final String COMPONENTS = "message_template_components_update";

	public static boolean isTemplateField(String field) {
		return STATUS.equals(field) || QUALITY.equals(field) || CATEGORY.equals(field) || COMPONENTS.equals(field);
	}

	/** {@code en-US} and {@code en_US} name the same language: templates are sent with the underscore. */
	public static String language(String language) {
		return language == null ? null : language.strip().replace('-', '_');
	}

	static String upper(String value) {
		return value == null || value.isBlank() ? null : value.strip().toUpperCase(Locale.ROOT);
	}
}
