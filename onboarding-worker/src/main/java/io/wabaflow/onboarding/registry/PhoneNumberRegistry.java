package io.wabaflow.onboarding.registry;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Repository;

import io.wabaflow.onboarding.flow.Flow;
import io.wabaflow.onboarding.flow.FlowRepository;
import io.wabaflow.onboarding.flow.Outcome;
import io.wabaflow.onboarding.outbox.Outbox;
import io.wabaflow.platform.crypto.TokenCipher;
import io.wabaflow.schemas.Topics;
import io.wabaflow.schemas.registry.NumberStatus;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;

/**
 * The registry of onboarded numbers: {@code onboarding.phone_numbers}, mirrored on the compacted topic
 * {@code wabaflow.phone-numbers.v1} (key phone_number_id, the latest record wins) that the sender, the sync worker
 * and the ingress read. The business token is stored and published only encrypted (AES-GCM, bound to the phone
 * number id, so a ciphertext copied onto another number does not decrypt).
 */
@Repository
public class PhoneNumberRegistry {

	/** Meta fixes coexistence numbers at 20 messages per second (facts 3.5, 4.5). */
	static final int COEXISTENCE_MPS = 20;

	public static final String UNKNOWN_NUMBER = "UNKNOWN_NUMBER";

	private final Jdbi jdbi;

	private final Outbox outbox;

	private final TokenCipher cipher;

	PhoneNumberRegistry(Jdbi jdbi, Outbox outbox, TokenCipher cipher) {
		this.jdbi = jdbi;
		this.outbox = outbox;
		this.cipher = cipher;
	}

	/** A registered number. {@link #toString()} leaves the token out. */
	public record PhoneNumber(String phoneNumberId, String tenantId, String wabaId, String onboardingId,
			String displayPhoneNumber, NumberType numberType, NumberStatus status, byte[] encryptedToken,
			Instant onboardedAt, Instant statusChangedAt, String statusReason, Instant updatedAt, Integer throughputMps,
			Integer messagingLimit) {

		@Override
		public String toString() {
			return "PhoneNumber[" + phoneNumberId + " " + numberType + " " + status + " tenant=" + tenantId + "]";
		}
	}

	/**
	 * The number of a completed flow becomes (again) an active entry, in the flow's transaction: the token is
	 * re-encrypted from the flow's binding (onboarding id) to the number's. {@code throughputMps}: what Meta's tier
	 * said at completion (a cloud number's only; null keeps what the registry knew). It records no announcement time:
	 * a THROUGHPUT_UPGRADE webhook (Meta's own time) always applies after it.
	 */
	public void register(Handle handle, Flow flow, Integer throughputMps, Instant now) {
		String token = cipher.decrypt(flow.encryptedToken(), flow.onboardingId());
		byte[] encrypted = cipher.encrypt(token, flow.phoneNumberId());
		NumberType type = Flow.COEXISTENCE.equals(flow.numberType()) ? NumberType.COEXISTENCE : NumberType.CLOUD;
		Instant onboardedAt = flow.onboardedAt() == null ? now : flow.onboardedAt();
		PhoneNumber number = handle.createQuery("""
				INSERT INTO phone_numbers (phone_number_id, tenant_id, waba_id, onboarding_id, display_phone_number,
				  number_type, status, encrypted_token, onboarded_at, status_changed_at, status_reason, updated_at,
				  throughput_mps)
				VALUES (:id, :tenant, :waba, :onboarding, :display, :type, 'ACTIVE', :token, :onboardedAt, :now,
				  'onboarded', :now, :mps::integer)
				ON CONFLICT (phone_number_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, waba_id = EXCLUDED.waba_id,
				  onboarding_id = EXCLUDED.onboarding_id, display_phone_number = EXCLUDED.display_phone_number,
				  number_type = EXCLUDED.number_type, status = 'ACTIVE', encrypted_token = EXCLUDED.encrypted_token,
				  onboarded_at = EXCLUDED.onboarded_at, status_changed_at = EXCLUDED.status_changed_at,
				  status_reason = EXCLUDED.status_reason, updated_at = EXCLUDED.updated_at,
				  throughput_mps = coalesce(EXCLUDED.throughput_mps, phone_numbers.throughput_mps)
				RETURNING *
				""").bind("id", flow.phoneNumberId()).bind("tenant", flow.tenantId()).bind("waba", flow.wabaId())
				.bind("onboarding", flow.onboardingId()).bind("display", flow.displayPhoneNumber())
				.bind("type", type.name()).bind("token", encrypted).bind("onboardedAt", onboardedAt).bind("now", now)
				.bind("mps", type == NumberType.CLOUD ? throughputMps : null)
				.map((rs, ctx) -> map(rs)).one();
		publish(handle, number, now);
	}

	/**
	 * Changes a number's status when the change is not older than the last one (webhooks may come late or twice).
	 *
	 * @return the changed number, empty when the change was older (nothing written)
	 */
	public Optional<PhoneNumber> changeStatus(Handle handle, String phoneNumberId, NumberStatus status, String reason,
			Instant changedAt, Instant now) {
		Optional<PhoneNumber> changed = handle.createQuery("""
				UPDATE phone_numbers SET status = :status, status_reason = :reason, status_changed_at = :changedAt,
				  updated_at = :now
				WHERE phone_number_id = :id AND status_changed_at <= :changedAt
				RETURNING *
				""").bind("id", phoneNumberId).bind("status", status.name()).bind("reason", reason)
				.bind("changedAt", changedAt).bind("now", now).map((rs, ctx) -> map(rs)).findOne();
		changed.ifPresent(number -> publish(handle, number, now));
		return changed;
	}

	/**
	 * Sets the throughput Meta announced for a cloud number, unless a newer announcement was applied already.
	 *
	 * @return the changed number, empty when nothing changed (older, the same, or not a cloud number)
	 */
	public Optional<PhoneNumber> changeThroughput(Handle handle, String phoneNumberId, int mps, Instant changedAt,
			Instant now) {
		Optional<PhoneNumber> changed = handle.createQuery("""
				UPDATE phone_numbers SET throughput_mps = :mps, throughput_changed_at = :changedAt, updated_at = :now
				WHERE phone_number_id = :id AND number_type = 'CLOUD'
				  AND (throughput_changed_at IS NULL OR throughput_changed_at <= :changedAt)
				  AND throughput_mps IS DISTINCT FROM :mps
				RETURNING *
				""").bind("id", phoneNumberId).bind("mps", mps).bind("changedAt", changedAt).bind("now", now)
				.map((rs, ctx) -> map(rs)).findOne();
		changed.ifPresent(number -> publish(handle, number, now));
		return changed;
	}

	/**
	 * Sets the messaging limit Meta announced (null: unlimited), unless a newer announcement was applied already;
	 * answers the number when its limit changed (and publishes it), empty when the limit stays what it was.
	 */
	public Optional<PhoneNumber> changeMessagingLimit(Handle handle, String phoneNumberId, Integer limit,
			Instant changedAt, Instant now) {
		Optional<Map.Entry<PhoneNumber, Boolean>> updated = handle.createQuery("""
				UPDATE phone_numbers p SET messaging_limit = :limit::integer, messaging_limit_changed_at = :changedAt,
				    updated_at = CASE WHEN o.old IS DISTINCT FROM :limit::integer THEN :now ELSE p.updated_at END
				FROM (SELECT phone_number_id, messaging_limit AS old FROM phone_numbers
				      WHERE phone_number_id = :id FOR UPDATE) o
				WHERE p.phone_number_id = o.phone_number_id
				  AND (p.messaging_limit_changed_at IS NULL OR p.messaging_limit_changed_at <= :changedAt)
				RETURNING p.*, o.old IS DISTINCT FROM :limit::integer AS value_changed
				""").bind("id", phoneNumberId).bind("limit", limit).bind("changedAt", changedAt).bind("now", now)
				.map((rs, ctx) -> Map.entry(map(rs), rs.getBoolean("value_changed"))).findOne();
		Optional<PhoneNumber> changed = updated.filter(Map.Entry::getValue).map(Map.Entry::getKey);
		changed.ifPresent(number -> publish(handle, number, now));
		return changed;
	}

	public Optional<PhoneNumber> find(Handle handle, String phoneNumberId) {
		return handle.createQuery("SELECT * FROM phone_numbers WHERE phone_number_id = :id").bind("id", phoneNumberId)
				.map((rs, ctx) -> map(rs)).findOne();
	}

	/**
	 * The number when it belongs to {@code tenantId}; empty when it was never onboarded or belongs to another
	 * tenant, two cases a command must not be able to tell apart.
	 */
	public Optional<PhoneNumber> findOfTenant(Handle handle, String phoneNumberId, String tenantId) {
		return find(handle, phoneNumberId).filter(number -> number.tenantId().equals(tenantId));
	}

	/** The rejection of a command naming a number its tenant does not own (unknown, or another tenant's). */
	public static Outcome unknownNumber(String phoneNumberId) {
		return Outcome.rejected(404, UNKNOWN_NUMBER, "Phone number " + phoneNumberId + " was not onboarded here");
	}

	public Optional<PhoneNumber> find(String phoneNumberId) {
		return jdbi.withHandle(handle -> find(handle, phoneNumberId));
	}

	public List<PhoneNumber> ofWaba(Handle handle, String wabaId) {
		return handle.createQuery("SELECT * FROM phone_numbers WHERE waba_id = :waba ORDER BY phone_number_id")
				.bind("waba", wabaId).map((rs, ctx) -> map(rs)).list();
	}

	/** The tenant's numbers, newest first (in the caller's transaction: the status API's). */
	public List<PhoneNumber> ofTenant(Handle handle, String tenantId) {
		return handle.createQuery("""
				SELECT * FROM phone_numbers WHERE tenant_id = :tenant ORDER BY onboarded_at DESC, phone_number_id
				""").bind("tenant", tenantId).map((rs, ctx) -> map(rs)).list();
	}

	/** The number's business token, decrypted for a Graph call; never logged. */
	public String token(PhoneNumber number) {
		return cipher.decrypt(number.encryptedToken(), number.phoneNumberId());
	}

	private void publish(Handle handle, PhoneNumber number, Instant now) {
		PhoneNumberRegistration registration = PhoneNumberRegistration.newBuilder()
				.setPhoneNumberId(number.phoneNumberId()).setTenantId(number.tenantId()).setWabaId(number.wabaId())
				.setDisplayPhoneNumber(number.displayPhoneNumber()).setNumberType(number.numberType())
				.setStatus(number.status()).setEncryptedAccessToken(ByteBuffer.wrap(number.encryptedToken()))
				.setThroughputMps(number.numberType() == NumberType.COEXISTENCE ? Integer.valueOf(COEXISTENCE_MPS)
						: number.throughputMps())
				.setMessagingLimit(number.messagingLimit())
				.setOnboardedAt(number.onboardedAt()).setUpdatedAt(now).build();
		outbox.add(handle, Topics.PHONE_NUMBERS.name(), number.phoneNumberId(), registration, now);
	}

	private static PhoneNumber map(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new PhoneNumber(rs.getString("phone_number_id"), rs.getString("tenant_id"), rs.getString("waba_id"),
				rs.getString("onboarding_id"), rs.getString("display_phone_number"),
				NumberType.valueOf(rs.getString("number_type")), NumberStatus.valueOf(rs.getString("status")),
				rs.getBytes("encrypted_token"), FlowRepository.instant(rs, "onboarded_at"),
				FlowRepository.instant(rs, "status_changed_at"), rs.getString("status_reason"),
				FlowRepository.instant(rs, "updated_at"), (Integer) rs.getObject("throughput_mps"),
				(Integer) rs.getObject("messaging_limit"));
	}
}
