package io.wabaflow.sandbox.templates;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.sandbox.graph.Callers;
import io.wabaflow.sandbox.graph.Fields;
import io.wabaflow.sandbox.graph.GraphAccess;
import io.wabaflow.sandbox.graph.GraphErrors;
import io.wabaflow.sandbox.graph.GraphParams;
import io.wabaflow.sandbox.graph.Pages;
import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.world.Waba;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /{waba_id}/message_templates}: list (paged, filtered by name, status, language), create (PENDING until
 * {@link TemplateReview} approves it) and delete by name. Only the WABA's own templates are listed; those the
 * scenario registered for every WABA serve sends only.
 */
@RestController
class MessageTemplatesController {

	private static final List<String> DEFAULT_FIELDS = List.of("id", "name", "language", "status", "category",
			"components", "quality_score");

	private final GraphAccess access;
	private final Templates templates;
	private final TemplateReview review;

	MessageTemplatesController(GraphAccess access, Templates templates, TemplateReview review) {
		this.access = access;
		this.templates = templates;
		this.review = review;
	}

	@GetMapping("/{version:v\\d+\\.0}/{wabaId}/message_templates")
	ObjectNode list(@PathVariable String wabaId, HttpServletRequest request) {
		Waba waba = access.waba(Callers.of(request), wabaId, "GET");
		GraphParams params = GraphParams.of(request);
		List<ObjectNode> items = templates.of(waba.id()).stream()
				// MISSING is the scenario's way of saying the template does not exist
				.filter(t -> !t.status().equals("MISSING"))
				.filter(matches(params.string("name"), Template::name))
				.filter(matches(params.string("language"), Template::language))
				.filter(matches(params.string("status").map(s -> s.toUpperCase(Locale.ROOT)), Template::status))
				.map(t -> view(t, params)).toList();
		return Pages.page(items, params, request);
	}

	/** {@code {"name","language","category","components"}} → {@code {"id","status":"PENDING","category"}}. */
	@PostMapping("/{version:v\\d+\\.0}/{wabaId}/message_templates")
	ObjectNode create(@PathVariable String wabaId, HttpServletRequest request) {
		Waba waba = access.waba(Callers.of(request), wabaId, "POST");
		Template template = templates.create(waba.id(), TemplateDraft.from(GraphParams.of(request)));
		review.submitted(template);
		ObjectNode body = Json.object();
		body.put("id", template.id());
		body.put("status", template.status());
		body.put("category", template.category());
		return body;
	}

	/** {@code ?name=} deletes every language of the name; with {@code hsm_id} only that template. */
	@DeleteMapping("/{version:v\\d+\\.0}/{wabaId}/message_templates")
	ObjectNode delete(@PathVariable String wabaId, HttpServletRequest request) {
		Waba waba = access.waba(Callers.of(request), wabaId, "DELETE");
		GraphParams params = GraphParams.of(request);
		String name = params.required("name");
		String id = params.string("hsm_id").orElse(null);
		if (templates.delete(waba.id(), name, id).isEmpty()) {
			throw GraphErrors.withMessage(100, "(#100) Invalid parameter: message template \"" + name + "\""
					+ (id == null ? "" : " with hsm_id " + id) + " does not exist",
					"Message template not found in WhatsApp Business Account " + waba.id() + ".");
		}
		ObjectNode body = Json.object();
		body.put("success", true);
		return body;
	}

	/** A filter that was not given lets everything through. */
	private static Predicate<Template> matches(Optional<String> wanted, Function<Template, String> value) {
		return t -> wanted.map(w -> w.equals(value.apply(t))).orElse(true);
	}

	private static ObjectNode view(Template template, GraphParams params) {
		return new Fields("WhatsAppMessageTemplate", DEFAULT_FIELDS)
				.field("id", template.id())
				.field("name", template.name())
				.field("language", template.language())
				.field("status", template.status())
				.field("category", template.category())
				.field("components",
						() -> template.components() == null ? Json.array() : template.components().deepCopy())
				.field("quality_score", () -> {
					ObjectNode score = Json.object();
					score.put("score", template.qualityScore());
					return score;
				})
				.field("rejected_reason", template.status().equals("REJECTED") ? template.reason() : "NONE")
				.render(params);
	}
}
