package io.wabaflow.sandbox.onboarding;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.sandbox.graph.Caller;
import io.wabaflow.sandbox.graph.Callers;
import io.wabaflow.sandbox.graph.GraphAccess;
import io.wabaflow.sandbox.graph.GraphParams;
import io.wabaflow.sandbox.graph.Pages;
import io.wabaflow.sandbox.world.Business;
import io.wabaflow.sandbox.world.Waba;
import io.wabaflow.sandbox.world.World;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * A business's WABAs [MA], [CWA]: those it owns, and those its clients shared with it. Each list read is one
 * poll of every not-yet-visible WABA it would hold.
 */
@RestController
class BusinessWabasController {

	private final World world;
	private final GraphAccess access;
	private final NodeViews views;

	BusinessWabasController(World world, GraphAccess access, NodeViews views) {
		this.world = world;
		this.access = access;
		this.views = views;
	}

	@GetMapping("/{version:v\\d+\\.0}/{businessId}/owned_whatsapp_business_accounts")
	ObjectNode owned(@PathVariable String businessId, HttpServletRequest request) {
		Caller caller = Callers.of(request);
		Business business = access.business(caller, businessId, "GET");
		return list(caller, world.wabasOwnedBy(business.id()), request);
	}

	@GetMapping("/{version:v\\d+\\.0}/{businessId}/client_whatsapp_business_accounts")
	ObjectNode client(@PathVariable String businessId, HttpServletRequest request) {
		Caller caller = Callers.of(request);
		Business business = access.business(caller, businessId, "GET");
		return list(caller, world.wabasSharedWith(business.id()), request);
	}

	private ObjectNode list(Caller caller, List<Waba> candidates, HttpServletRequest request) {
		GraphParams params = GraphParams.of(request);
		List<ObjectNode> items = candidates.stream()
				.filter(waba -> access.sees(caller, waba))
				.filter(waba -> world.pollSees(waba.id()))
				.map(waba -> views.waba(world.waba(waba.id()).orElse(waba), params))
				.toList();
		return Pages.page(items, params, request);
	}
}
