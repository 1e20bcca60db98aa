package io.wabaflow.sandbox.templates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.graph.GraphErrors;
import io.wabaflow.sandbox.runtime.Resettable;
import io.wabaflow.sandbox.runtime.SandboxRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Every message template, in creation order: those a client created per WABA through the Graph API, and those
 * the scenario registered (for one WABA, or for all of them). Small enough to guard with one lock.
 *
 * <p>A send of a name and language nobody registered is accepted as an approved {@code utility} template unless
 * strict templates are on ({@code sandbox.messaging.strict-templates}, or the scenario's messaging rules):
 * {@code MISSING}/{@code PENDING}/{@code REJECTED} → 132001, {@code PAUSED} → 132015, {@code DISABLED} → 132016,
 * and a body parameter count the send does not match → 132000.
 */
@Component
public class Templates implements Resettable {

	private final SandboxRandom random;
	private final Map<String, Template> byId = new LinkedHashMap<>();

	/** WABAs that got Meta's sample template already (deleting it must not bring it back). */
	private final Set<String> sampled = new HashSet<>();

	Templates(SandboxRandom random) {
		this.random = random;
	}

	@Override
	public synchronized void reset() {
		byId.clear();
		sampled.clear();
	}

	/**
	 * The scenario's registration: replaces a template of the same WABA, name and language (keeping its id).
	 * Defaults: {@code en_US}, {@code APPROVED}, {@code UTILITY}; body parameters counted from the components when
	 * not given.
	 */
	public synchronized Template put(String wabaId, String name, String language, String status, String category,
			Integer bodyParameters, JsonNode components) {
		String lang = language == null ? "en_US" : language;
		String id = find(wabaId, name, lang).map(Template::id).orElseGet(this::newId);
		Template template = new Template(id, wabaId, name, lang,
				status == null ? "APPROVED" : status.toUpperCase(Locale.ROOT), "NONE",
				category == null ? "UTILITY" : category.toUpperCase(Locale.ROOT), "UNKNOWN",
				bodyParameters != null ? bodyParameters : TemplateDraft.bodyParameters(components),
				components == null ? null : components.deepCopy());
		byId.put(id, template);
		return template;
	}

	/** A client's creation: PENDING until reviewed; the same name and language twice in a WABA is refused. */
	synchronized Template create(String wabaId, TemplateDraft draft) {
		if (find(wabaId, draft.name(), draft.language()).isPresent()) {
			// subcode and wording as Meta answers a second submission of a name+language
			throw GraphErrors.withSubcode(100, 2388023, "(#100) Message template \"" + draft.name()
					+ "\" already exists in " + draft.language(), "There is already " + draft.language()
							+ " content for this template. You can create a new template and try again.");
		}
		Template template = new Template(newId(), wabaId, draft.name(), draft.language(), "PENDING", "NONE",
				draft.category(), "UNKNOWN", draft.bodyParameters(), draft.components());
		byId.put(template.id(), template);
		return template;
	}

	public synchronized List<Template> all() {
		return List.copyOf(byId.values());
	}

	/** A WABA's own templates (not the scenario's templates for every WABA), in creation order. */
	synchronized List<Template> of(String wabaId) {
		sample(wabaId);
		return byId.values().stream().filter(t -> wabaId.equals(t.wabaId())).toList();
	}

	public synchronized Optional<Template> find(String wabaId, String name, String language) {
		sample(wabaId);
		return byId.values().stream().filter(t -> t.is(wabaId, name, language)).findFirst();
	}

	synchronized Optional<Template> byId(String id) {
		return Optional.ofNullable(byId.get(id));
	}

	/** A template before and after a change, so that webhooks can tell what it was. */
	record Changed(Template before, Template after) {
	}

	/** Applies a change to the template with that id, if it still exists (a review may outlive a delete). */
	synchronized Optional<Changed> update(String id, UnaryOperator<Template> change) {
		Template before = byId.get(id);
		if (before == null) {
			return Optional.empty();
		}
		Template after = change.apply(before);
		byId.put(id, after);
		return Optional.of(new Changed(before, after));
	}

	/** Removes a WABA's templates of that name (every language), or only the one with {@code id} when given. */
	synchronized List<Template> delete(String wabaId, String name, String id) {
		sample(wabaId);
		List<Template> gone = new ArrayList<>();
		byId.values().removeIf(t -> {
			boolean match = wabaId.equals(t.wabaId()) && t.name().equals(name) && (id == null || t.id().equals(id));
			if (match) {
				gone.add(t);
			}
			return match;
		});
		return gone;
	}

	/**
	 * The category (lowercase, for pricing) of a send of {@code name} in {@code language} from a number of
	 * {@code wabaId}, or the Graph error the send gets. Several WABAs may use one name: the sender's own template
	 * wins, then one the scenario registered for every WABA, then any other's (lenient, as unknown names are).
	 */
	public String check(String wabaId, String name, String language, int bodyParameters, boolean strict) {
		Optional<Template> found = sendable(wabaId, name, language);
		if (found.isEmpty()) {
			if (strict) {
				throw GraphErrors.of(132001, "template name (" + name + ") does not exist in " + language);
			}
			return "utility";
		}
		Template template = found.get();
		switch (template.status()) {
			case "APPROVED" -> {
			}
			case "PAUSED" -> throw GraphErrors.of(132015);
			case "DISABLED" -> throw GraphErrors.of(132016);
			// MISSING, PENDING, REJECTED; FLAGGED too: whether Meta still sends a flagged template is UNCONFIRMED
			default -> throw GraphErrors.of(132001, "template name (" + name + ") does not exist in " + language);
		}
		if (template.bodyParameters() != null && template.bodyParameters() != bodyParameters) {
			throw GraphErrors.of(132000, "body: number of localizable_params (" + bodyParameters
					+ ") does not match the expected number of params (" + template.bodyParameters() + ")");
		}
		return template.category().toLowerCase(Locale.ROOT);
	}

	private synchronized Optional<Template> sendable(String wabaId, String name, String language) {
		sample(wabaId);
		return byId.values().stream().filter(t -> t.name().equals(name) && t.language().equals(language))
				.min(Comparator.comparingInt(t -> Objects.equals(t.wabaId(), wabaId) ? 0 : t.wabaId() == null ? 1 : 2));
	}

	/**
	 * Meta gives every WABA the sample template {@code hello_world} (en_US, UTILITY, APPROVED, no parameters), so a
	 * new WABA can send a template at once. Materialised the first time the WABA's templates are looked at, with an id
	 * derived from the WABA's (no draw of the seeded random, whose sequence other scenarios rely on).
	 */
	private void sample(String wabaId) {
		if (wabaId == null || !sampled.add(wabaId)) {
			return;
		}
		String id = "9" + String.format("%015d", Math.floorMod((long) wabaId.hashCode() * 2_654_435_761L, 1_000_000_000_000_000L));
		ArrayNode components = JsonMapper.builder().build().createArrayNode();
		components.addObject().put("type", "HEADER").put("format", "TEXT").put("text", "Hello World");
		components.addObject().put("type", "BODY").put("text", "Welcome and congratulations!! This message demonstrates "
				+ "your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta. Thank you for "
				+ "taking the time to test with us.");
		components.addObject().put("type", "FOOTER").put("text", "WhatsApp Business Platform sample message");
		byId.put(id, new Template(id, wabaId, "hello_world", "en_US", "APPROVED", "NONE", "UTILITY", "UNKNOWN", 0,
				components));
	}

	/** Template ids are 16-digit numbers, as Meta's are (webhooks carry them as JSON numbers). */
	private String newId() {
		return random.digits(16);
	}
}
