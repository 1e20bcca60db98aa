package io.wabaflow.sandbox.graph;

import java.util.Arrays;
import java.util.List;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.sandbox.world.NodeKind;
import io.wabaflow.sandbox.world.World;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Everything under {@code /v{major}.0/} that no feature handles: answered the way Graph answers a wrong method,
 * an edge that does not exist, or a path that is too long.
 */
@RestController
class GraphFallbackController {

	private final World world;

	GraphFallbackController(World world) {
		this.world = world;
	}

	@RequestMapping("/" + GraphPaths.VERSION + "/**")
	Object unknown(HttpServletRequest request) {
		GraphCall call = GraphCall.of(request);
		List<String> segments = Arrays.stream(call.path().split("/")).filter(s -> !s.isEmpty()).skip(1).toList();
		if (segments.size() > 2) {
			throw GraphErrors.withMessage(2500, "Unknown path components: /"
					+ String.join("/", segments.subList(2, segments.size())), "Unknown path components.");
		}
		if (segments.size() == 2 && request.getMethod().equals("GET")) {
			NodeKind kind = world.kindOf(segments.get(0));
			if (kind != NodeKind.NONE) {
				throw GraphErrors.nonexistingField(segments.get(1), NodeTypes.name(kind));
			}
		}
		throw GraphErrors.unsupported(request.getMethod(), segments.isEmpty() ? "" : segments.get(0));
	}
}
