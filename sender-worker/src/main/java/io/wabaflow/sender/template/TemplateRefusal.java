package io.wabaflow.sender.template;

/**
 * Why the catalogue refuses a template send before any Graph call; {@code details} says what to change.
 */
public record TemplateRefusal(String reason, String details) {

	/** No template of that name and language in the WABA's catalogue. */
	public static final String TEMPLATE_UNKNOWN = "TEMPLATE_UNKNOWN";

	/** The template exists but is not APPROVED (pending review, rejected, disabled, ...). */
	public static final String TEMPLATE_NOT_APPROVED = "TEMPLATE_NOT_APPROVED";

	/** Meta paused the template for low quality (and {@code when-paused} is {@code reject}). */
	public static final String TEMPLATE_PAUSED = "TEMPLATE_PAUSED";

	/** A component gets more or fewer parameters than its placeholders. */
	public static final String TEMPLATE_PARAMETERS = "TEMPLATE_PARAMETERS";

	/** An authentication template addressed to a business-scoped user id: Meta delivers those only to a phone. */
	public static final String TEMPLATE_NEEDS_PHONE = "TEMPLATE_NEEDS_PHONE";

	/** A marketing template to a user who stopped marketing messages from this number. */
	public static final String MARKETING_OPTED_OUT = "MARKETING_OPTED_OUT";
}
