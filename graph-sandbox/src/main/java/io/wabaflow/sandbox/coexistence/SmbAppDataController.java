package io.wabaflow.sandbox.coexistence;

import java.time.Clock;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.sandbox.graph.Callers;
import io.wabaflow.sandbox.graph.GraphAccess;
import io.wabaflow.sandbox.graph.GraphErrors;
import io.wabaflow.sandbox.graph.GraphParams;
import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.runtime.SandboxProperties;
import io.wabaflow.sandbox.runtime.SandboxRandom;
import io.wabaflow.sandbox.world.PhoneNumber;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /{phone_number_id}/smb_app_data {"messaging_product":"whatsapp","sync_type":…}} [§3.6]: once per
 * sync type (else 2593107), within 24 h of onboarding (else 2593108), only for coexistence numbers. Answers a
 * {@code request_id} ("accepted", not "shared"); the webhooks follow.
 */
@RestController
class SmbAppDataController {

	static final String CONTACTS = "smb_app_state_sync";
	static final String HISTORY = "history";

	private final GraphAccess access;
	private final BusinessAppData apps;
	private final SyncDeliveries deliveries;
	private final SandboxProperties properties;
	private final SandboxRandom random;
	private final Clock clock;

	SmbAppDataController(GraphAccess access, BusinessAppData apps, SyncDeliveries deliveries,
			SandboxProperties properties, SandboxRandom random, Clock clock) {
		this.access = access;
		this.apps = apps;
		this.deliveries = deliveries;
		this.properties = properties;
		this.random = random;
		this.clock = clock;
	}

	@PostMapping("/{version:v\\d+\\.0}/{phoneNumberId}/smb_app_data")
	ObjectNode request(@PathVariable String phoneNumberId, HttpServletRequest request) {
		PhoneNumber phone = access.phone(Callers.of(request), phoneNumberId, "POST");
		GraphParams params = GraphParams.of(request);
		params.requireWhatsAppProduct();
		String syncType = params.required("sync_type");
		if (!syncType.equals(CONTACTS) && !syncType.equals(HISTORY)) {
			throw GraphErrors.invalidParameter("Param sync_type must be one of {SMB_APP_STATE_SYNC, HISTORY} - got \""
					+ syncType + "\".");
		}
		if (!phone.coexistence()) {
			// UNCONFIRMED wording: Meta documents the API only for numbers onboarded from the Business app
			throw GraphErrors.invalidParameter("Phone number " + phone.id()
					+ " was not onboarded from the WhatsApp Business app; smb_app_data is only available for coexistence numbers.");
		}
		if (apps.requested(phone.id(), syncType)) {
			throw GraphErrors.of(2593107);
		}
		if (clock.instant().isAfter(phone.onboardedAt().plus(properties.sync().window()))) {
			throw GraphErrors.of(2593108);
		}
		String requestId = random.alphanumeric(24);
		if (!apps.request(phone.id(), syncType, requestId)) {
			throw GraphErrors.of(2593107);
		}
		if (syncType.equals(CONTACTS)) {
			deliveries.contacts(phone);
		}
		else {
			deliveries.history(phone);
		}
		ObjectNode body = Json.object();
		body.put("messaging_product", "whatsapp");
		body.put("request_id", requestId);
		return body;
	}
}
