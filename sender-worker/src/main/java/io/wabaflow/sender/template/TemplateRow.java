package io.wabaflow.sender.template;

import java.time.Instant;

/** One template of the catalogue, as stored. */
record TemplateRow(String wabaId, String name, String language, String tenantId, String templateId, String status,
		String category, String upcomingCategory, Instant upcomingCategoryAt, String qualityScore, String reason,
		String componentsJson, Instant updatedAt) {

	static final String APPROVED = "APPROVED";

	static final String PAUSED = "PAUSED";

	/** The category that applies at {@code now}: an announced change counts from its announced time on. */
	String categoryAt(Instant now) {
		if (upcomingCategory != null && upcomingCategoryAt != null && !now.isBefore(upcomingCategoryAt)) {
			return upcomingCategory;
		}
		return category;
	}
}
