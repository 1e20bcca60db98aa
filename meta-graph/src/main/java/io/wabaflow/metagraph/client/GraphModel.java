package io.wabaflow.metagraph.client;

import java.nio.file.Path;
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

		/** The businesses the token may manage ({@code business_management} target ids): the client's business. */
		public List<String> businessIds() {
			return granularScopes.stream().filter(s -> "business_management".equals(s.scope()))
					.flatMap(s -> s.targetIds().stream()).distinct().toList();
		}
	}

	/**
	 * A Facebook page of the user who signed up ({@code GET /me/accounts}); {@code businessId} is the business
	 * that owns the page, where a WABA may be found when the session named none (seed 001, strategy 1).
	 */
	public record Page(String id, String name, String businessId) {
	}

	/**
	 * The WABA creation calls of seed 001 (strategies 2A-2D; 2E is a debug_token inspection, not a call of its
	 * own). Meta documents none of them as an Embedded Signup step: they are last resorts, and only polling
	 * tells whether a WABA really appeared.
	 */
	public enum WabaCreationCall {
		/** {@code POST /{business_id}/client_whatsapp_applications}. */
		CLIENT_WHATSAPP_APPLICATIONS("2A"),
		/** {@code POST /{business_id}/whatsapp_business_accounts}. */
		BUSINESS_WHATSAPP_BUSINESS_ACCOUNTS("2B"),
		/** {@code POST /{business_id}/applications}. */
		APPLICATIONS("2C"),
		/** {@code POST /whatsapp_business_accounts} with {@code business_manager_id} (the "official flow"). */
		WHATSAPP_BUSINESS_ACCOUNTS("2D");

		private final String strategy;

		WabaCreationCall(String strategy) {
			this.strategy = strategy;
		}

		/** The strategy's name in seed 001: 2A, 2B, 2C, 2D. */
		public String strategy() {
			return strategy;
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

	/**
	 * One message template of a WABA as {@code GET /<waba_id>/message_templates} lists it.
	 *
	 * @param status       {@code APPROVED}, {@code PENDING}, {@code REJECTED}, {@code PAUSED}, {@code DISABLED}, ...
	 * @param category     {@code MARKETING}, {@code UTILITY} or {@code AUTHENTICATION}
	 * @param qualityScore {@code GREEN}, {@code YELLOW}, {@code RED}, {@code UNKNOWN}; null when absent
	 * @param components   the components array as Meta gave it (JSON text), {@code []} when absent
	 */
	public record MessageTemplate(String id, String name, String language, String status, String category,
			String qualityScore, String components) {
	}

	/** Meta's answer to a template creation: its id, its first status (usually {@code PENDING}) and category. */
	public record CreatedTemplate(String id, String status, String category) {
	}

	/**
	 * A media id as {@code GET /<media-id>} describes it: a download URL valid 5 minutes, the MIME type, the base64
	 * SHA-256 of the bytes and their size (null when Meta leaves it out).
	 */
	public record MediaInfo(String url, String mimeType, String sha256, Long fileSize, String id) {
	}

	/** A media file downloaded to {@code file}, digested on the way (base64 SHA-256, as Meta writes it). */
	public record DownloadedMedia(Path file, String mimeType, long size, String sha256) {

		/** Whether these are the bytes Meta described ({@link MediaInfo#sha256()} or a webhook's). */
		public boolean matches(String metaSha256) {
			return sha256.equals(metaSha256);
		}
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
