package io.wabaflow.sandbox.onboarding;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.sandbox.graph.AccessTokens;
import io.wabaflow.sandbox.graph.Caller;
import io.wabaflow.sandbox.graph.Callers;
import io.wabaflow.sandbox.graph.GraphErrors;
import io.wabaflow.sandbox.graph.GraphParams;
import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.runtime.SandboxProperties;
import io.wabaflow.sandbox.world.Waba;
import io.wabaflow.sandbox.world.World;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Token exchange [TP-ONB] and token inspection [MA]. */
@RestController
class OAuthController {

	private final SandboxProperties properties;
	private final SignupCodes codes;
	private final AccessTokens tokens;
	private final World world;
	private final WabaCreationPlans plans;

	OAuthController(SandboxProperties properties, SignupCodes codes, AccessTokens tokens, World world,
			WabaCreationPlans plans) {
		this.properties = properties;
		this.codes = codes;
		this.tokens = tokens;
		this.world = world;
		this.plans = plans;
	}

	/**
	 * {@code GET /oauth/access_token?client_id&client_secret&code} → a business integration system user token.
	 * Meta documents the answer as the token; implementers see {@code {"access_token","token_type"}} [TP-ONB].
	 */
	@RequestMapping(path = "/{version:v\\d+\\.0}/oauth/access_token", method = { RequestMethod.GET, RequestMethod.POST })
	ObjectNode exchange(HttpServletRequest request) {
		GraphParams params = GraphParams.of(request);
		String clientId = params.string("client_id")
				.orElseThrow(() -> GraphErrors.withMessage(101, "Missing client_id parameter.", null));
		if (!clientId.equals(properties.app().id())) {
			throw GraphErrors.withMessage(101, "Error validating application. Invalid application ID.", null);
		}
		String secret = params.string("client_secret")
				.orElseThrow(() -> GraphErrors.withMessage(1, "Missing client_secret parameter.", null));
		if (!secret.equals(properties.app().secret())) {
			throw GraphErrors.withMessage(1, "Error validating client secret.", null);
		}
		String code = params.string("code").orElseThrow(() -> GraphErrors.missingParameter("code"));
		SignupCodes.SignupCode redeemed = codes.redeem(code);
		Caller caller = tokens.issueBusinessToken(redeemed.businessId(), redeemed.wabaIds(), redeemed.pageIds(),
				redeemed.scopes());
		ObjectNode body = Json.object();
		body.put("access_token", caller.token());
		body.put("token_type", "bearer");
		return body;
	}

	/**
	 * {@code GET /debug_token?input_token=…}: {@code granular_scopes} list the WABAs shared with the app and, under
	 * {@code business_management}, the client's business (a scenario may leave either out: {@link Caller.Scopes}).
	 * Also the "global endpoint" of strategy 2E: a WABA that the scenario lets appear through 2E shows up here,
	 * after its polls.
	 */
	@GetMapping("/{version:v\\d+\\.0}/debug_token")
	ObjectNode debug(HttpServletRequest request) {
		Callers.of(request);
		GraphParams params = GraphParams.of(request);
		String input = params.required("input_token");
		ObjectNode body = Json.object();
		ObjectNode data = body.putObject("data");
		var inspected = tokens.find(input);
		if (inspected.isEmpty()) {
			data.put("is_valid", false);
			data.putArray("scopes");
			ObjectNode error = data.putObject("error");
			error.put("code", 190);
			error.put("message", "Invalid OAuth access token - Cannot parse access token");
			return body;
		}
		Caller caller = inspected.get();
		data.put("app_id", properties.app().id());
		data.put("type", caller.kind() == Caller.Kind.APP ? "APP" : "SYSTEM_USER");
		data.put("application", properties.app().name());
		data.put("data_access_expires_at", 0);
		data.put("expires_at", 0);
		data.put("is_valid", true);
		if (caller.issuedAt() != null) {
			data.put("issued_at", caller.issuedAt().getEpochSecond());
		}
		boolean businessManagement = caller.scopes() == null || caller.scopes().businessManagement();
		ArrayNode scopes = data.putArray("scopes");
		scopes.add("whatsapp_business_management");
		scopes.add("whatsapp_business_messaging");
		if (businessManagement) {
			scopes.add("business_management");
		}
		scopes.add("public_profile");
		ArrayNode granular = data.putArray("granular_scopes");
		if (caller.kind() == Caller.Kind.BUSINESS) {
			Set<String> wabaIds = sharedWabas(caller);
			granular.add(scope("whatsapp_business_management", wabaIds));
			granular.add(scope("whatsapp_business_messaging", wabaIds));
			if (businessManagement) {
				granular.add(scope("business_management", Set.of(caller.businessId())));
			}
		}
		if (caller.userId() != null) {
			data.put("user_id", caller.userId());
		}
		return body;
	}

	/**
	 * The WABAs the token's scopes report (by default those granted), plus those that strategy 2E made appear (each
	 * inspection counts as one of their polls).
	 */
	private Set<String> sharedWabas(Caller caller) {
		Set<String> ids = new LinkedHashSet<>(caller.scopes().wabaIds());
		plans.appearThroughDebugToken(caller.businessId());
		for (Waba waba : world.wabasOwnedBy(caller.businessId())) {
			if (WabaCreationPlans.DEBUG_TOKEN.equals(waba.createdBy()) && world.pollSees(waba.id())) {
				ids.add(waba.id());
			}
		}
		return ids;
	}

	private static ObjectNode scope(String name, Set<String> targets) {
		ObjectNode scope = Json.object();
		scope.put("scope", name);
		ArrayNode ids = scope.putArray("target_ids");
		targets.forEach(ids::add);
		return scope;
	}
}
