package io.wabaflow.sender.template;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.metagraph.webhook.TemplateUpdate;
import io.wabaflow.platform.access.NotOwnedException;
import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.RequiresScope;
import io.wabaflow.platform.access.Scope;
import io.wabaflow.sender.registry.RegisteredNumber;
import io.wabaflow.sender.web.ApiProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The template catalogue of a WABA: listed with filters ({@code read}), and managed at Meta ({@code templates:write}):
 * created (Meta reviews it; webhooks then move it to APPROVED or REJECTED), deleted by name, re-read on demand. A WABA
 * is the caller's when one of the caller's numbers belongs to it; anyone else's gets 404, like an unknown one.
 */
@RestController
class TemplatesController {

	private final JsonMapper json = JsonMapper.builder().build();

	private final TemplateStore store;

	private final TemplateSync sync;

	private final TemplateManagement management;

	private final Clock clock;

	TemplatesController(TemplateStore store, TemplateSync sync, TemplateManagement management, Clock clock) {
		this.store = store;
		this.sync = sync;
		this.management = management;
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
		TemplateManagement.Created created = ApiProblem.awaitGraph(management.create(tenantOf(caller), wabaId, template),
				TemplateManagement.GRAPH_WAIT);
		TemplateView view = new TemplateView(created.name(), created.language(), created.status(), created.category(),
				null, null, null, null, created.templateId(), created.components(), clock.instant());
		return ResponseEntity.created(URI.create("/api/v1/wabas/" + wabaId + "/templates?name=" + created.name()))
				.body(view);
	}

	@DeleteMapping("/api/v1/wabas/{wabaId}/templates/{name}")
	@RequiresScope(Scope.TEMPLATES_WRITE)
	ResponseEntity<Void> delete(@PathVariable String wabaId, @PathVariable String name, Principal caller) {
		ApiProblem.awaitGraph(management.delete(tenantOf(caller), wabaId, name), TemplateManagement.GRAPH_WAIT);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/wabas/{wabaId}/templates/sync")
	@RequiresScope(Scope.TEMPLATES_WRITE)
	Map<String, Object> syncNow(@PathVariable String wabaId, Principal caller) {
		owned(caller, wabaId);
		CompletableFuture<Integer> read = sync.syncNow(wabaId)
				.orElseThrow(() -> new NotOwnedException("No number of yours belongs to WABA " + wabaId));
		return Map.of("waba_id", wabaId, "templates", ApiProblem.awaitGraph(read, TemplateManagement.GRAPH_WAIT));
	}

	private RegisteredNumber owned(Principal caller, String wabaId) {
		return management.owned(tenantOf(caller), wabaId);
	}

	/** The tenant whose WABAs the caller may manage: null for an operator (any). */
	private static String tenantOf(Principal caller) {
		return caller.operator() ? null : caller.tenantId();
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
