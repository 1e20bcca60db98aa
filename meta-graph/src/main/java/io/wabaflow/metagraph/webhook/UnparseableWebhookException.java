package io.wabaflow.metagraph.webhook;

/**
 * A (correctly signed) body that cannot be split into changes. The body must still be kept: Meta would
 * otherwise retry it for days, and ops may re-drive it once the parser is fixed.
 */
public abstract sealed class UnparseableWebhookException extends Exception
		permits UnparseableWebhookException.NotJson, UnparseableWebhookException.NotWhatsAppWebhook {

	private UnparseableWebhookException(String message, Throwable cause) {
		super(message, cause);
	}

	/** A short, stable reason ops can filter on, e.g. {@code not_json}. */
	public abstract String reasonCode();

	/** The body is not JSON text at all. */
	public static final class NotJson extends UnparseableWebhookException {

		NotJson(String message, Throwable cause) {
			super("Body is not valid JSON: " + message, cause);
		}

		@Override
		public String reasonCode() {
			return "not_json";
		}
	}

	/** Valid JSON, but not a WhatsApp Business Account webhook envelope. */
	public static final class NotWhatsAppWebhook extends UnparseableWebhookException {

		NotWhatsAppWebhook(String message) {
			super("Not a WhatsApp webhook: " + message, null);
		}

		@Override
		public String reasonCode() {
			return "not_whatsapp_webhook";
		}
	}
}
