package io.wabaflow.sandbox.onboarding;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.sandbox.graph.Caller;
import io.wabaflow.sandbox.graph.Callers;
import io.wabaflow.sandbox.graph.GraphAccess;
import io.wabaflow.sandbox.graph.GraphErrors;
import io.wabaflow.sandbox.graph.GraphParams;
import io.wabaflow.sandbox.graph.Pages;
import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.world.PhoneNumber;
import io.wabaflow.sandbox.world.Waba;
import io.wabaflow.sandbox.world.World;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ObjectNode;

/** A WABA's phone numbers [MA] and phone registration with a two-step PIN [TP-ONB]. */
@RestController
class PhoneNumbersController {

	private final World world;
	private final GraphAccess access;
	private final NodeViews views;

	PhoneNumbersController(World world, GraphAccess access, NodeViews views) {
		this.world = world;
		this.access = access;
		this.views = views;
	}

	@GetMapping("/{version:v\\d+\\.0}/{wabaId}/phone_numbers")
	ObjectNode phoneNumbers(@PathVariable String wabaId, HttpServletRequest request) {
		Caller caller = Callers.of(request);
		Waba waba = access.waba(caller, wabaId, "GET");
		GraphParams params = GraphParams.of(request);
		List<ObjectNode> items = world.phonesOf(waba.id()).stream().map(phone -> views.phone(phone, params))
				.toList();
		return Pages.page(items, params, request);
	}

	/**
	 * {@code {"messaging_product":"whatsapp","pin":"<6 digits>"}} → {@code {"success":true}}; the PIN becomes the
	 * two-step verification PIN, and a later registration with another PIN fails with 133005.
	 */
	@PostMapping("/{version:v\\d+\\.0}/{phoneNumberId}/register")
	ObjectNode register(@PathVariable String phoneNumberId, HttpServletRequest request) {
		PhoneNumber phone = access.phone(Callers.of(request), phoneNumberId, "POST");
		GraphParams params = GraphParams.of(request);
		params.requireWhatsAppProduct();
		String pin = params.required("pin");
		if (!pin.matches("\\d{6}")) {
			throw GraphErrors.invalidParameter("Param pin must be a 6-digit number.");
		}
		if (phone.coexistence()) {
			// Meta: skip registration for coexistence, "the number is already registered" [COEX]. What the API
			// answers if called anyway is UNCONFIRMED; the sandbox refuses, so a client that calls it is caught.
			throw GraphErrors.invalidParameter("Phone number " + phone.id()
					+ " is on the WhatsApp Business app (coexistence) and is already registered; do not call register.");
		}
		if (phone.pin() != null && !phone.pin().equals(pin)) {
			throw GraphErrors.of(133005);
		}
		world.updatePhone(phone.id(), current -> current.withRegistration(pin));
		return success();
	}

	/**
	 * {@code POST /<phone_number_id>/deregister} → {@code {"success":true}}: the number leaves the Cloud API (a later
	 * register brings it back). Not for coexistence numbers, which disconnect in the Business app (facts 3.6): the
	 * sandbox refuses it for them, as for register.
	 */
	@PostMapping("/{version:v\\d+\\.0}/{phoneNumberId}/deregister")
	ObjectNode deregister(@PathVariable String phoneNumberId, HttpServletRequest request) {
		PhoneNumber phone = access.phone(Callers.of(request), phoneNumberId, "POST");
		if (phone.coexistence()) {
			throw GraphErrors.invalidParameter("Phone number " + phone.id()
					+ " is on the WhatsApp Business app (coexistence); it is disconnected in the app, not deregistered.");
		}
		world.updatePhone(phone.id(), PhoneNumber::withoutRegistration);
		return success();
	}

	static ObjectNode success() {
		ObjectNode body = Json.object();
		body.put("success", true);
		return body;
	}
}
