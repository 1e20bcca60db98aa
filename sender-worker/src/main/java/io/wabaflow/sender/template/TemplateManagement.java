package io.wabaflow.sender.template;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.wabaflow.metagraph.client.GraphClient;
import io.wabaflow.metagraph.webhook.TemplateUpdate;
import io.wabaflow.platform.access.NotOwnedException;
import io.wabaflow.sender.registry.NumberRegistry;
import io.wabaflow.sender.registry.RegisteredNumber;
import io.wabaflow.sender.web.ApiProblem;
import tools.jackson.databind.JsonNode;

/**
 * Creating and deleting a WABA's templates at Meta, and the catalogue after: what the HTTP API and the template
 * commands on Kafka both do. A WABA is the tenant's when one of its numbers is; another tenant's WABA is answered as
 * one the sender never heard of ({@link NotOwnedException}); a body Meta would refuse is refused first, naming the
 * field ({@link ApiProblem} 400).
 */
@Component
class TemplateManagement {

	private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,512}");

	private static final Set<String> CATEGORIES = Set.of("MARKETING", "UTILITY", "AUTHENTICATION");

	static final Duration GRAPH_WAIT = Duration.ofSeconds(60);

	private final TemplateStore store;

	private final NumberRegistry registry;

	private final GraphClient graph;

	private final Clock clock;

	TemplateManagement(TemplateStore store, NumberRegistry registry, GraphClient graph, Clock clock) {
		this.store = store;
		this.registry = registry;
		this.graph = graph;
		this.clock = clock;
	}

	/** A template created at Meta (PENDING until its review's webhook) and in the catalogue. */
	record Created(String name, String language, String status, String category, String templateId,
			JsonNode components) {
	}

	/**
	 * A number of the tenant's in the WABA (its token acts on the WABA); {@code tenant} null: an operator, any
	 * number.
	 */
	RegisteredNumber owned(String tenant, String wabaId) {
		return registry.inWaba(wabaId).stream().filter(n -> tenant == null || n.ownedBy(tenant)).findFirst()
				.orElseThrow(() -> new NotOwnedException("No number of yours belongs to WABA " + wabaId));
	}

	CompletableFuture<Created> create(String tenant, String wabaId, JsonNode template) {
		RegisteredNumber number = owned(tenant, wabaId);
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
		return graph.createMessageTemplate(wabaId, template, registry.accessToken(number)).thenApply(created -> {
			String status = created.status() == null ? "PENDING" : created.status().toUpperCase(Locale.ROOT);
			String categoryNow = (created.category() == null ? category : created.category()).toUpperCase(Locale.ROOT);
			store.created(wabaId, number.tenantId(), name, language, categoryNow, components.toString(), created.id(),
					status, clock.instant());
			return new Created(name, language, status, categoryNow, created.id(), components);
		});
	}

	/** Deleted at Meta (every language) and in the catalogue. */
	CompletableFuture<Void> delete(String tenant, String wabaId, String name) {
		RegisteredNumber number = owned(tenant, wabaId);
		return graph.deleteMessageTemplate(wabaId, name, registry.accessToken(number))
				.thenRun(() -> store.delete(wabaId, name));
	}

	private static ApiProblem invalid(String detail) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-template", detail);
	}

	private static String text(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return value == null || !value.isString() ? null : value.asString();
	}
}
