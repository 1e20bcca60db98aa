package io.wabaflow.sandbox.onboarding;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.sandbox.graph.Caller;
import io.wabaflow.sandbox.graph.Callers;
import io.wabaflow.sandbox.graph.GraphAccess;
import io.wabaflow.sandbox.graph.GraphErrors;
import io.wabaflow.sandbox.graph.GraphException;
import io.wabaflow.sandbox.graph.GraphParams;
import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.world.Business;
import io.wabaflow.sandbox.world.Waba;
import io.wabaflow.sandbox.world.World;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The creation calls of strategies 2A-2D, with the bodies of seed 001. Only the strategy the scenario chose
 * succeeds (answering {@code {"id":"<waba_id>"}}, the new WABA invisible for its configured number of polls);
 * the others fail as Graph would: 2A and 2D are not Graph edges (100, "Unsupported post request"), 2B lacks
 * permission (200), 2C lacks the capability (3). A scenario may replace each failure's code.
 */
@RestController
class WabaCreationController {

	private final World world;
	private final GraphAccess access;
	private final WabaCreationPlans plans;

	WabaCreationController(World world, GraphAccess access, WabaCreationPlans plans) {
		this.world = world;
		this.access = access;
		this.plans = plans;
	}

	/** 2A: {@code {"app_name","waba_creation_request":{"business_manager_id","category"}}}. */
	@PostMapping("/{version:v\\d+\\.0}/{businessId}/client_whatsapp_applications")
	ObjectNode clientWhatsAppApplications(@PathVariable String businessId, HttpServletRequest request) {
		Business business = access.business(Callers.of(request), businessId, "POST");
		GraphParams params = GraphParams.of(request);
		attempt("2A", business.id(), GraphErrors.unsupported("POST", business.id()));
		params.required("app_name");
		JsonNode creation = params.node("waba_creation_request");
		if (!creation.isObject()) {
			throw GraphErrors.missingParameter("waba_creation_request");
		}
		requireText(creation, "waba_creation_request[business_manager_id]", "business_manager_id");
		requireText(creation, "waba_creation_request[category]", "category");
		return created(business.id(), "2A", params.string("app_name").orElseThrow());
	}

	/** 2B: {@code {"name","category"}}. */
	@PostMapping("/{version:v\\d+\\.0}/{businessId}/whatsapp_business_accounts")
	ObjectNode whatsappBusinessAccounts(@PathVariable String businessId, HttpServletRequest request) {
		Business business = access.business(Callers.of(request), businessId, "POST");
		GraphParams params = GraphParams.of(request);
		attempt("2B", business.id(), GraphErrors.of(200,
				"The app does not have permission to create a WhatsApp Business Account for this business."));
		String name = params.required("name");
		params.required("category");
		return created(business.id(), "2B", name);
	}

	/** 2C: {@code {"name","namespace","category"}}. */
	@PostMapping("/{version:v\\d+\\.0}/{businessId}/applications")
	ObjectNode applications(@PathVariable String businessId, HttpServletRequest request) {
		Business business = access.business(Callers.of(request), businessId, "POST");
		GraphParams params = GraphParams.of(request);
		attempt("2C", business.id(),
				GraphErrors.of(3, "Application does not have the capability to make this API call."));
		String name = params.required("name");
		params.required("namespace");
		params.required("category");
		return created(business.id(), "2C", name);
	}

	/** 2D: {@code POST /whatsapp_business_accounts {"business_manager_id","name","category"}}. */
	@PostMapping("/{version:v\\d+\\.0}/whatsapp_business_accounts")
	ObjectNode officialFlow(HttpServletRequest request) {
		Caller caller = Callers.of(request);
		GraphParams params = GraphParams.of(request);
		String businessId = params.string("business_manager_id").orElse(null);
		if (businessId == null || !plans.planFor(businessId).strategy().equals("2D")) {
			throw failure("2D", businessId, GraphErrors.unsupported("POST", "whatsapp_business_accounts"));
		}
		Business business = access.business(caller, businessId, "POST");
		String name = params.required("name");
		params.required("category");
		return created(business.id(), "2D", name);
	}

	private void attempt(String strategy, String businessId, GraphException defaultFailure) {
		if (!plans.planFor(businessId).strategy().equals(strategy)) {
			throw failure(strategy, businessId, defaultFailure);
		}
	}

	private GraphException failure(String strategy, String businessId, GraphException defaultFailure) {
		Integer code = businessId == null ? null : plans.planFor(businessId).failures().get(strategy);
		return code == null ? defaultFailure : GraphErrors.of(code);
	}

	private ObjectNode created(String businessId, String strategy, String name) {
		WabaCreationPlans.Plan plan = plans.planFor(businessId);
		Waba waba = world.addWaba(null, businessId, name, world.partner().id(), false, strategy,
				plan.visibleAfterPolls());
		ObjectNode body = Json.object();
		body.put("id", waba.id());
		return body;
	}

	private static void requireText(JsonNode object, String label, String field) {
		JsonNode value = object.path(field);
		if (!value.isString() || value.asString().isBlank()) {
			throw GraphErrors.missingParameter(label);
		}
	}
}
