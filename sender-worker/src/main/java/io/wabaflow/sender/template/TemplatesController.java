package io.wabaflow.sender.template;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.metagraph.client.GraphClient;
import io.wabaflow.metagraph.client.GraphModel.CreatedTemplate;
import io.wabaflow.metagraph.webhook.TemplateUpdate;
import io.wabaflow.platform.access.NotOwnedException;
import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.RequiresScope;
import io.wabaflow.platform.access.Scope;
import io.wabaflow.sender.api.ApiProblem;
import io.wabaflow.sender.registry.NumberRegistry;
import io.wabaflow.sender.registry.RegisteredNumber;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The template catalogue of a WABA: listed with filters ({@code read}), and managed at Meta ({@code templates:write}):
 * created (Meta reviews it; webhooks then move it to APPROVED or REJECTED), deleted by name, re-read on demand. A WABA
 * is the caller's when one of the caller's numbers belongs to it; anyone else's gets 404, like an unknown one.
 */
@RestController
class TemplatesController {

	private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,512}");

	private static final Set<String> CATEGORIES = Set.of("MARKETING", "UTILITY", "AUTHENTICATION");

	private static final Duration GRAPH_WAIT = Duration.ofSeconds(60);

	private final JsonMapper json = JsonMapper.builder().build();

	private final TemplateStore store;

	private final TemplateSync sync;

	private final NumberRegistry registry;

	private final GraphClient graph;

	private final Clock clock;

	TemplatesController(TemplateStore store, TemplateSync sync, NumberRegistry registry, GraphClient graph, Clock clock) {
		this.store = store;
		this.sync = sync;
		this.registry = registry;
		this.graph = graph;
		this.clock = clock;
	}

	@GetMapping("/api/v1/wabas/{wabaId}/templates")
	@RequiresScope(Scope.READ)
	Catalogue list(@PathVariable String wabaId, @RequestParam(required = false) String status,
			@RequestParam(required = false) String language, @RequestParam(required = false) String name,
			Principal caller) {
		owned(caller, wabaId);
		List<TemplateView> templates = new ArrayList<>();
		for (TemplateRow row : store.list(caller, wabaId, status == null ? null : status.toUpperCase(Locale.ROOT),
				TemplateUpdate.language(language), name)) {
			templates.add(view(row));
		}
		return new Catalogue(wabaId, store.syncedAt(caller, wabaId).orElse(null), templates);
	}

	@PostMapping("/api/v1/wabas/{wabaId}/templates")
	@RequiresScope(Scope.TEMPLATES_WRITE)
	ResponseEntity<TemplateView> create(@PathVariable String wabaId, @RequestBody JsonNode template, Principal caller) {
		RegisteredNumber number = owned(caller, wabaId);
		String name = text(template, "name");
		if (name == null || !NAME.matcher(name).matches()) {
			throw invalid("name is required: lower-case letters, digits and underscores, at most 512 (e.g. order_update)");
		}
		String language = TemplateUpdate.language(text(template, "language"));
		if (language == null || language.isBlank()) {
			throw invalid("language is required: Meta's code, e.g. en_US or pt_BR");
		}
		String category = text(template, "category");
		if (category == null || !CATEGORIES.contains(category.toUpperCase(Locale.ROOT))) {
			throw invalid("category must be MARKETING, UTILITY or AUTHENTICATION");
		}
		JsonNode components = template.path("components");
		long bodies = components.isArray() ? components.valueStream()
				.filter(c -> "BODY".equalsIgnoreCase(c.path("type").asString(""))).count() : 0;
		if (bodies != 1 || components.valueStream().anyMatch(c -> "BODY".equalsIgnoreCase(c.path("type").asString(""))
				&& c.path("text").asString("").isBlank())) {
			throw invalid("components must be an array with exactly one BODY component that has a text");
		}
		boolean asksForContact = components.valueStream().flatMap(c -> c.path("buttons").valueStream())
				.anyMatch(b -> "REQUEST_CONTACT_INFO".equalsIgnoreCase(b.path("type").asString("")));
		if (asksForContact && "AUTHENTICATION".equalsIgnoreCase(category)) {
			throw invalid("a REQUEST_CONTACT_INFO button is allowed in MARKETING and UTILITY templates only");
		}
		CreatedTemplate created = ApiProblem.awaitGraph(graph.createMessageTemplate(wabaId, template,
				registry.accessToken(number)), GRAPH_WAIT);
		String status = created.status() == null ? "PENDING" : created.status().toUpperCase(Locale.ROOT);
		String categoryNow = created.category() == null ? category : created.category();
		store.created(wabaId, number.tenantId(), name, language, categoryNow.toUpperCase(Locale.ROOT),
				components.toString(), created.id(), status, clock.instant());
		TemplateView view = new TemplateView(name, language, status, categoryNow.toUpperCase(Locale.ROOT), null, null,
				null, null, created.id(), components, clock.instant());
		return ResponseEntity.created(URI.create("/api/v1/wabas/" + wabaId + "/templates?name=" + name)).body(view);
	}

	@DeleteMapping("/api/v1/wabas/{wabaId}/templates/{name}")
	@RequiresScope(Scope.TEMPLATES_WRITE)
	ResponseEntity<Void> delete(@PathVariable String wabaId, @PathVariable String name, Principal caller) {
		RegisteredNumber number = owned(caller, wabaId);
		ApiProblem.awaitGraph(graph.deleteMessageTemplate(wabaId, name, registry.accessToken(number)), GRAPH_WAIT);
		store.delete(wabaId, name);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/wabas/{wabaId}/templates/sync")
	@RequiresScope(Scope.TEMPLATES_WRITE)
	Map<String, Object> syncNow(@PathVariable String wabaId, Principal caller) {
		owned(caller, wabaId);
		CompletableFuture<Integer> read = sync.syncNow(wabaId)
				.orElseThrow(() -> new NotOwnedException(unknown(wabaId)));
		return Map.of("waba_id", wabaId, "templates", ApiProblem.awaitGraph(read, GRAPH_WAIT));
	}

	/**
	 * A number of the caller's in the WABA (its token acts on the WABA), active ones first. Another tenant's WABA is
	 * answered exactly like one the sender has never heard of.
	 */
	private RegisteredNumber owned(Principal caller, String wabaId) {
		return registry.inWaba(wabaId).stream().filter(n -> caller.operator() || n.ownedBy(caller.tenantId()))
				.findFirst().orElseThrow(() -> new NotOwnedException(unknown(wabaId)));
	}

	private static String unknown(String wabaId) {
		return "No number of yours belongs to WABA " + wabaId;
	}

	private static String text(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return value == null || !value.isString() ? null : value.asString();
	}

	private static ApiProblem invalid(String detail) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-template", detail);
	}

	private TemplateView view(TemplateRow row) {
		JsonNode components = row.componentsJson() == null ? null : json.readTree(row.componentsJson());
		return new TemplateView(row.name(), row.language(), row.status(), row.category(), row.upcomingCategory(),
				row.upcomingCategoryAt(), row.qualityScore(), row.reason(), row.templateId(), components, row.updatedAt());
	}

	/** A WABA's catalogue: when it was last read whole from Meta (null: not yet), and its templates. */
	record Catalogue(String wabaId, Instant syncedAt, List<TemplateView> templates) {
	}

	/**
	 * One template. {@code components}: as Meta lists them (null while only a webhook named the template);
	 * {@code upcoming_category}: a category Meta announced for {@code upcoming_category_at}.
	 */
	record TemplateView(String name, String language, String status, String category, String upcomingCategory,
			Instant upcomingCategoryAt, String qualityScore, String reason, String templateId, JsonNode components,
			Instant updatedAt) {
	}
}
