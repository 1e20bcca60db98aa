package io.wabaflow.metagraph.webhook;

/**
 * The value of an {@code account_update} change.
 *
 * @param event             {@code PARTNER_ADDED}, {@code PARTNER_APP_INSTALLED}, {@code PARTNER_REMOVED},
 *                          {@code ACCOUNT_OFFBOARDED}, {@code DISABLED_UPDATE}, ... (kept as sent)
 * @param wabaInfo          {@code waba_info} of the PARTNER_* events, null otherwise
 * @param phoneNumber       the display number of a disconnected coexistence number ({@code PARTNER_REMOVED})
 * @param disconnectionInfo why a coexistence number was disconnected, null otherwise
 * @param banInfo           {@code DISABLED_UPDATE}'s ban state, null otherwise
 * @param country           {@code BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE}'s country
 * @param rawJson           the whole value, for the events we don't type
 */
public record AccountUpdate(String event, WabaInfo wabaInfo, String phoneNumber, DisconnectionInfo disconnectionInfo,
		BanInfo banInfo, String country, String rawJson) {

	/** @param partnerAppId only on PARTNER_APP_INSTALLED / PARTNER_APP_UNINSTALLED */
	public record WabaInfo(String wabaId, String ownerBusinessId, String partnerAppId, String solutionId) {
	}

	/** @param initiatedBy USER or SYSTEM */
	public record DisconnectionInfo(String reason, String initiatedBy) {
	}

	/** @param state DISABLE, REINSTATE, SCHEDULE_FOR_DISABLE */
	public record BanInfo(String state, String date) {
	}
}
