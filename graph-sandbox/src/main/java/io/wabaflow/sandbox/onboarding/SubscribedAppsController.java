package io.wabaflow.sandbox.onboarding;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.sandbox.graph.Callers;
import io.wabaflow.sandbox.graph.GraphAccess;
import io.wabaflow.sandbox.graph.GraphErrors;
import io.wabaflow.sandbox.graph.GraphParams;
import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.runtime.SandboxProperties;
import io.wabaflow.sandbox.webhooks.CallbackVerifier;
import io.wabaflow.sandbox.world.Waba;
import io.wabaflow.sandbox.world.World;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /{waba_id}/subscribed_apps}: until the app subscribes to a WABA, none of that WABA's webhooks reach it
 * [MW], [TP-ONB]. An {@code override_callback_uri} (+ {@code verify_token}) is challenged before it is accepted
 * [OVRD]; a failed challenge is Graph error 2200.
 */
@RestController
class SubscribedAppsController {

	private final World world;
	private final GraphAccess access;
	private final SandboxProperties properties;
	private final CallbackVerifier verifier;

	SubscribedAppsController(World world, GraphAccess access, SandboxProperties properties,
			CallbackVerifier verifier) {
		this.world = world;
		this.access = access;
		this.properties = properties;
		this.verifier = verifier;
	}

	@PostMapping("/{version:v\\d+\\.0}/{wabaId}/subscribed_apps")
	ObjectNode subscribe(@PathVariable String wabaId, HttpServletRequest request) {
		Waba waba = access.waba(Callers.of(request), wabaId, "POST");
		GraphParams params = GraphParams.of(request);
		String override = params.string("override_callback_uri").orElse(null);
		if (override != null) {
			var result = verifier.verify(override, params.string("verify_token").orElse(""));
			if (!result.verified()) {
				String why = result.error() != null ? result.error() : "HTTP Status Code = " + result.status();
				throw GraphErrors.withMessage(2200, "(#2200) Callback verification failed with the following errors: "
						+ why, "The override callback URL did not answer the verification challenge.");
			}
		}
		world.updateWaba(waba.id(), current -> current.withSubscription(true, override));
		return PhoneNumbersController.success();
	}

	@GetMapping("/{version:v\\d+\\.0}/{wabaId}/subscribed_apps")
	ObjectNode subscriptions(@PathVariable String wabaId, HttpServletRequest request) {
		Waba waba = access.waba(Callers.of(request), wabaId, "GET");
		ObjectNode body = Json.object();
		ArrayNode data = body.putArray("data");
		if (waba.appSubscribed()) {
			ObjectNode app = data.addObject();
			ObjectNode api = app.putObject("whatsapp_business_api_data");
			api.put("id", properties.app().id());
			api.put("link", "https://www.facebook.com/games/?app_id=" + properties.app().id());
			api.put("name", properties.app().name());
			if (waba.overrideCallbackUri() != null) {
				app.put("override_callback_uri", waba.overrideCallbackUri());
			}
		}
		return body;
	}

	@DeleteMapping("/{version:v\\d+\\.0}/{wabaId}/subscribed_apps")
	ObjectNode unsubscribe(@PathVariable String wabaId, HttpServletRequest request) {
		Waba waba = access.waba(Callers.of(request), wabaId, "DELETE");
		world.updateWaba(waba.id(), current -> current.withSubscription(false, null));
		return PhoneNumbersController.success();
	}
}
