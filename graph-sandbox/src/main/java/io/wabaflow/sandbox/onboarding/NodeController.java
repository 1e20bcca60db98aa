package io.wabaflow.sandbox.onboarding;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.sandbox.graph.Caller;
import io.wabaflow.sandbox.graph.Callers;
import io.wabaflow.sandbox.graph.GraphAccess;
import io.wabaflow.sandbox.graph.GraphErrors;
import io.wabaflow.sandbox.graph.GraphParams;
import io.wabaflow.sandbox.media.MediaNodes;
import io.wabaflow.sandbox.world.World;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /{id}?fields=…} for a business, a WABA, a phone number, a page or a media id ({@link MediaNodes}).
 * Reading a WABA that is not visible yet counts as one of its polls and answers like an unknown id.
 */
@RestController
class NodeController {

	private final World world;
	private final GraphAccess access;
	private final NodeViews views;
	private final MediaNodes media;

	NodeController(World world, GraphAccess access, NodeViews views, MediaNodes media) {
		this.world = world;
		this.access = access;
		this.views = views;
		this.media = media;
	}

	@GetMapping("/{version:v\\d+\\.0}/{id}")
	ObjectNode read(@PathVariable String id, HttpServletRequest request) {
		Caller caller = Callers.of(request);
		GraphParams params = GraphParams.of(request);
		return switch (world.kindOf(id)) {
			case BUSINESS -> views.business(access.business(caller, id, "GET"), params);
			case WABA -> {
				var waba = world.waba(id).filter(w -> access.sees(caller, w))
						.orElseThrow(() -> GraphErrors.unsupported("GET", id));
				if (!world.pollSees(id)) {
					throw GraphErrors.unsupported("GET", id);
				}
				yield views.waba(world.waba(id).orElse(waba), params);
			}
			case PHONE_NUMBER -> views.phone(access.phone(caller, id, "GET"), params);
			case PAGE -> views.page(access.page(caller, id, "GET"), params);
			// media ids are not part of the world: the media library answers, or says it is unknown
			case NONE -> media.info(caller, id, request);
		};
	}
}
