package io.wabaflow.onboarding.coexistence;

import java.time.Instant;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.springframework.stereotype.Repository;

import io.wabaflow.onboarding.flow.FlowRepository;

/**
 * {@code onboarding.coexistence_sync_requests}: one row per number, sync type and onboarding (Meta allows each
 * sync once per onboarding; offboarding and onboarding again allows it again). Keeps Meta's {@code request_id}
 * for support.
 */
@Repository
class SyncRequests {

	enum State {
		/** The call to Meta is under way. */
		PENDING,
		/** Meta accepted it: request_id kept. */
		REQUESTED,
		/** Meta refused it for good (2593107 already requested, 2593108 too late). */
		REFUSED,
		/** Meta refused it for a reason a new request may not meet (unavailable, token): may be requested again. */
		FAILED,
		/** No answer (timeout): Meta may have accepted it. A new request asks Meta, whose 2593107 then says so. */
		UNKNOWN
	}

	record Request(String phoneNumberId, String syncType, String onboardingId, String commandId, State state,
			String requestId, Instant updatedAt) {
	}

	Optional<Request> findForUpdate(Handle handle, String phoneNumberId, String syncType, String onboardingId) {
		return handle.createQuery("""
				SELECT * FROM coexistence_sync_requests
				WHERE phone_number_id = :phone AND sync_type = :type AND onboarding_id = :onboarding
				FOR UPDATE
				""").bind("phone", phoneNumberId).bind("type", syncType).bind("onboarding", onboardingId)
				.map((rs, ctx) -> new Request(rs.getString("phone_number_id"), rs.getString("sync_type"),
						rs.getString("onboarding_id"), rs.getString("command_id"), State.valueOf(rs.getString("state")),
						rs.getString("request_id"), FlowRepository.instant(rs, "updated_at")))
				.findOne();
	}

	void pending(Handle handle, String phoneNumberId, String syncType, String onboardingId, String commandId,
			Instant now) {
		handle.createUpdate("""
				INSERT INTO coexistence_sync_requests (phone_number_id, sync_type, onboarding_id, command_id, state,
				  requested_at, updated_at)
				VALUES (:phone, :type, :onboarding, :command, 'PENDING', :now, :now)
				ON CONFLICT (phone_number_id, sync_type, onboarding_id) DO UPDATE SET command_id = EXCLUDED.command_id,
				  state = 'PENDING', request_id = NULL, error_code = NULL, error_message = NULL,
				  requested_at = EXCLUDED.requested_at, updated_at = EXCLUDED.updated_at
				""").bind("phone", phoneNumberId).bind("type", syncType).bind("onboarding", onboardingId)
				.bind("command", commandId).bind("now", now).execute();
	}

	/** The answer to the call of {@code commandId}; nothing happens if another command took the row over since. */
	void finish(Handle handle, String phoneNumberId, String syncType, String onboardingId, String commandId, State state,
			String requestId, Integer errorCode, String errorMessage, Instant now) {
		handle.createUpdate("""
				UPDATE coexistence_sync_requests SET state = :state, request_id = :requestId, error_code = :errorCode,
				  error_message = :errorMessage, updated_at = :now
				WHERE phone_number_id = :phone AND sync_type = :type AND onboarding_id = :onboarding
				  AND command_id = :command
				""").bind("phone", phoneNumberId).bind("type", syncType).bind("onboarding", onboardingId)
				.bind("command", commandId).bind("state", state.name()).bind("requestId", requestId)
				.bind("errorCode", errorCode).bind("errorMessage", errorMessage).bind("now", now).execute();
	}
}
