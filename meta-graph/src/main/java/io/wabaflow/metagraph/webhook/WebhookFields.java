package io.wabaflow.metagraph.webhook;

/** The {@code changes[].field} values the workers act on (facts file 1.5). Others pass through untyped. */
public final class WebhookFields {

	public static final String MESSAGES = "messages";

	public static final String SMB_APP_STATE_SYNC = "smb_app_state_sync";

	public static final String HISTORY = "history";

	public static final String SMB_MESSAGE_ECHOES = "smb_message_echoes";

	public static final String ACCOUNT_UPDATE = "account_update";

	public static final String PHONE_NUMBER_QUALITY_UPDATE = "phone_number_quality_update";

	public static final String CALLS = "calls";

	public static final String BUSINESS_CAPABILITY_UPDATE = "business_capability_update";

	public static final String USER_PREFERENCES = "user_preferences";

	private WebhookFields() {
	}
}
