package io.wabaflow.metagraph.client;

import java.util.List;

/** The typed answers of the Graph API calls Wabaflow makes. */
public final class GraphModel {

	private GraphModel() {
	}

	/** A business integration system user token. {@link #toString()} never shows it. */
	public record AccessToken(String value, String tokenType) {

		@Override
		public String toString() {
			return "AccessToken[***]";
		}
	}

	/** What debug_token says about a token; WABAs shared with the app are the whatsapp scopes' target ids. */
	public record DebugToken(String appId, boolean valid, List<GranularScope> granularScopes) {

		public List<String> sharedWabaIds() {
			return granularScopes.stream()
					.filter(s -> "whatsapp_business_management".equals(s.scope())
							|| "whatsapp_business_messaging".equals(s.scope()))
					.flatMap(s -> s.targetIds().stream()).distinct().toList();
		}
	}

	public record GranularScope(String scope, List<String> targetIds) {
	}

	public record Waba(String id, String name, String ownershipType) {
	}

	/**
	 * @param isOnBizApp   {@code true} for a coexistence number (also on the WhatsApp Business app)
	 * @param platformType {@code CLOUD_API}, {@code ON_PREMISE}, {@code NOT_APPLICABLE}
	 */
	public record PhoneNumber(String id, String displayPhoneNumber, String verifiedName, String platformType,
			Boolean isOnBizApp, String codeVerificationStatus) {

		public boolean coexistence() {
			return Boolean.TRUE.equals(isOnBizApp);
		}
	}

	/** Meta accepted a message: the wamid to follow its statuses, and the recipient's wa_id. */
	public record SentMessage(String wamid, String waId, String input, String messageStatus) {
	}

	/** {@code sync_type} of {@code POST /<phone_number_id>/smb_app_data}. */
	public enum SmbSyncType {
		CONTACTS("smb_app_state_sync"), HISTORY("history");

		private final String metaName;

		SmbSyncType(String metaName) {
			this.metaName = metaName;
		}

		public String metaName() {
			return metaName;
		}
	}
}
