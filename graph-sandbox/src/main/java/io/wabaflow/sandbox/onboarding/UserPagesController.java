package io.wabaflow.sandbox.onboarding;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.sandbox.graph.Caller;
import io.wabaflow.sandbox.graph.Callers;
import io.wabaflow.sandbox.graph.GraphErrors;
import io.wabaflow.sandbox.graph.GraphParams;
import io.wabaflow.sandbox.graph.Pages;
import io.wabaflow.sandbox.world.World;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /me/accounts}: the Facebook pages of the user behind the token ({@code fields=id,name,business}: with
 * the business owning each), a cursor-paged list. Seed 001's last discovery source looks for the WABA in those
 * businesses.
 *
 * <p>A token without a user (the partner's system user, a business token the scenario made without pages) gets
 * Graph's error 100 for the node {@code me}, as our client expects. UNCONFIRMED: the sandbox's choice; Meta may
 * instead list the pages assigned to a system user. An app token gets Graph's 2500.
 */
@RestController
class UserPagesController {

	private final World world;
	private final NodeViews views;

	UserPagesController(World world, NodeViews views) {
		this.world = world;
		this.views = views;
	}

	@GetMapping("/{version:v\\d+\\.0}/me/accounts")
	ObjectNode accounts(HttpServletRequest request) {
		Caller caller = Callers.of(request);
		if (caller.kind() == Caller.Kind.APP) {
			String message = "An active access token must be used to query information about the current user.";
			throw GraphErrors.withMessage(2500, message, message);
		}
		if (caller.pageIds() == null) {
			throw GraphErrors.unsupported("GET", "me");
		}
		GraphParams params = GraphParams.of(request);
		List<ObjectNode> items = world.pages().stream().filter(page -> caller.pageIds().contains(page.id()))
				.map(page -> views.page(page, params)).toList();
		return Pages.page(items, params, request);
	}
}
